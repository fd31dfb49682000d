import { isIPv4, isIPv6 } from 'node:net';
import type { Detector, ValidationResult } from '../src/types.js';

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = String.raw`${OCTET}(?:\.${OCTET}){3}`;
const HEX = '[0-9a-fA-F]{1,4}';

/** Text right before a dotted quad that makes it a version, not an address. */
const VERSION_BEFORE = /(?:version|ver|release|build|v)\s*[=:]?\s*$|\/$/;

function validateV4(value: string, before: string, after: string): ValidationResult {
  if (VERSION_BEFORE.test(before)) return { status: 'invalid', reason: 'version string' };
  if (/^\.\d/.test(after)) return { status: 'invalid', reason: 'part of a longer dotted number' };
  if (/^(?:0|127|255)\./.test(value)) return { status: 'invalid', reason: 'unspecified, loopback or netmask address' };
  return { status: 'none' };
}

function validateV6(value: string): ValidationResult {
  if (!isIPv6(value)) return { status: 'invalid', reason: 'not an IPv6 address' };
  const groups = value.split(':').filter((g) => g !== '');
  if (groups.length < 3 && !value.includes('.')) return { status: 'invalid', reason: 'too few groups (loopback, link-local or a `::` path)' };
  if (/^fe80:/i.test(value)) return { status: 'invalid', reason: 'link-local address' };
  return { status: 'none' };
}

export const ipAddress: Detector = {
  id: 'ip_address',
  description: 'IPv4 and IPv6 client addresses (IPv4-mapped too); versions, loopback and netmasks excluded',
  category: 'network',
  sensitivity: 'standard',
  identifier: 'direct',
  patterns: [
    { name: 'ip_address.v4', regex: String.raw`\b${IPV4}\b`, score: 0.6 },
    {
      name: 'ip_address.v6',
      // Alternatives are tried in order at the same start: the IPv4-mapped form must come first.
      regex: String.raw`::ffff:${IPV4}\b|\b(?:${HEX}:){7}${HEX}\b|(?:\b${HEX}(?::${HEX}){0,6})?::(?:${HEX}(?::${HEX}){0,6})?\b`,
      score: 0.6,
    },
  ],
  contextWords: ['ip', 'client', 'remote', 'addr', 'x-forwarded-for', 'peer', 'src'],
  fieldNames: ['ip', 'ipaddress', 'ipaddr', 'addr', 'clientip', 'remoteip'],
  validate(value, context) {
    if (value.includes(':')) return validateV6(value);
    return isIPv4(value) ? validateV4(value, context.before, context.after) : { status: 'invalid', reason: 'not an IPv4 address' };
  },
  // Dotted quads in a column so named are versions and builds; addresses of servers, gateways and
  // networks are not a person's, even in a column named for addresses (`server_ip`).
  column: {
    minShare: 0,
    otherKinds: ['version', 'ver', 'build', 'release', 'revision', 'firmware'],
    notPersonal: ['server', 'upstream', 'resolver', 'dns', 'nameserver', 'gateway', 'router', 'subnet', 'netmask', 'network', 'cidr'],
  },
  mask(value) {
    if (!value.includes(':')) return value.replace(/\.\d+$/, '.*');
    const v4 = /(\d+\.\d+\.\d+)\.\d+$/.exec(value);
    return v4 ? value.replace(/\d+\.\d+\.\d+\.\d+$/, `${v4[1]}.*`) : `${value.split(':').slice(0, 2).join(':')}:*`;
  },
  examples: {
    positive: [
      { text: 'client=203.0.113.42 GET /', value: '203.0.113.42' },
      { text: '198.51.100.7 - - [01/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200', value: '198.51.100.7' },
      { text: 'remote_addr 2001:db8:85a3::8a2e:370:7334', value: '2001:db8:85a3::8a2e:370:7334' },
      { text: 'peer ::ffff:203.0.113.5 connected', value: '::ffff:203.0.113.5' },
      { text: 'src 2001:0db8:0000:0000:0000:ff00:0042:8329', value: '2001:0db8:0000:0000:0000:ff00:0042:8329' },
    ],
    negative: [
      { text: 'agent version=1.2.3.4 started', reason: 'version string' },
      { text: 'Mozilla/5.0 Chrome/120.0.6099.109 Safari/537.36 Edg/120.0.2210.91', reason: 'user agent versions' },
      { text: 'listening on 0.0.0.0:8080 and 127.0.0.1', reason: 'unspecified and loopback addresses' },
      { text: 'oid 1.3.6.1.4.1.311 resolved', reason: 'part of a longer dotted number' },
      { text: 'at 10:00:00 in crate::module::fn', reason: 'time and a Rust path, not IPv6' },
    ],
  },
};
