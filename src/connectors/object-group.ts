/**
 * Object groups: keys of a bucket that differ only by dates, partitions, numbers or ids are one
 * site, so a bucket of a million daily exports gives a handful of findings.
 *   orders/dt=2026-11-01/part-00003.csv.gz        → orders/dt=*\/part-*.csv.gz
 *   logs/2026/11/01/app-7f3a9c1e2b4d.log          → logs/*\/*\/*\/app-*.log
 *   users/3f2a8c1e-…-c000/export_20261101.jsonl   → users/*\/export_*.jsonl
 */

/** `key=value` folder (Hive-style partition). */
const PARTITION = /^([^=/]+)=.*$/;
/** A folder that is an id: digits, a UUID, or a hex or base-36 string with digits in it. */
const ID_SEGMENT =
  /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=[a-z]*\d)[0-9a-z]{12,}|(?=[A-Z]*\d)[0-9A-Z]{12,})$/i;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DATE_TIME = /\d{4}-?\d{2}-?\d{2}(?:[T_ -]?\d{2}(?:[:.-]?\d{2}){0,2}(?:\.\d+)?Z?)?/g;
/** A hex id with digits and letters, 8 or more characters. */
const HEX_ID = /(?<![0-9A-Za-z])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}(?![0-9A-Za-z])/gi;
/** A number not glued to the letters before it (`part-0003`, `events.17`; not `v2`, `mp4`). */
const NUMBER = /(?<![A-Za-z0-9])\d+/g;

/** The group of a file name: dates, ids and numbers become `*`. */
export function groupFileName(name: string): string {
  return name
    .replace(UUID, '*')
    .replace(DATE_TIME, '*')
    .replace(HEX_ID, '*')
    .replace(NUMBER, '*')
    .replace(/\*(?:[-_.]?\*)+/g, '*');
}

/** The group pattern of an object key (a glob: `*` stands for one varying part). */
export function toObjectGroup(key: string): string {
  const segments = key.split('/');
  const name = segments.pop()!;
  return [...segments.map(toFolderGroup), groupFileName(name)].join('/');
}

/** The group of a folder name: a partition's value, an id folder, or the dates, ids and numbers in it become `*`. */
export function toFolderGroup(folder: string): string {
  const partition = PARTITION.exec(folder);
  if (partition) return `${partition[1]}=*`;
  return ID_SEGMENT.test(folder) ? '*' : groupFileName(folder);
}
