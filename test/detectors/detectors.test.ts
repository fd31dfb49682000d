// Runs every detector's inline examples, and the template's (detectors/_template.ts): positives
// must be found (by the line scanner too), negatives must not, each for the reason written beside it.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { template } from '../../detectors/_template.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { detect } from '../../src/engine/detect.js';
import { extractFields } from '../../src/engine/fields.js';

for (const detector of [...detectors, template]) {
  const set = createDetectorSet([detector]);
  const find = (text: string, hint?: string) =>
    detect(set, { text, fields: () => extractFields(text).fields, ...(hint ? { hint } : {}) });

  describe(detector.id, () => {
    for (const example of detector.examples.positive) {
      it(`finds ${JSON.stringify(example.text)}`, () => {
        const found = find(example.text, example.hint);
        expect(found.map((c) => c.detector.id)).toContain(detector.id);
        if (example.value !== undefined) expect(found.map((c) => c.value)).toContain(example.value);
        expect(found[0]!.form).toBe(example.form ?? 'plaintext');
        if (example.hint === undefined)
          expect(set.scanner.next(Buffer.from(example.text), 0)).toBeGreaterThanOrEqual(0);
      });
    }
    for (const example of detector.examples.negative) {
      it(`ignores ${JSON.stringify(example.text)} (${example.reason})`, () => {
        expect(find(example.text, example.hint)).toEqual([]);
      });
    }
  });
}
