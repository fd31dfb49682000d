/** `piiscan detectors`: what each detector finds, as a table or JSON. */
import Table from 'cli-table3';
import { detectors } from '../../detectors/index.js';

export function formatDetectors(format: 'table' | 'json'): string {
  const rows = detectors.map((d) => ({
    id: d.id,
    category: d.category,
    sensitivity: d.sensitivity,
    identifier: d.identifier,
    description: d.description,
  }));
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const table = new Table({
    head: ['Id', 'Category', 'Sensitivity', 'Identifier', 'Description'],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [14, 16, 13, 12, 60],
  });
  for (const r of rows) table.push([r.id, r.category, r.sensitivity, r.identifier, r.description]);
  return `${table.toString()}\n`;
}
