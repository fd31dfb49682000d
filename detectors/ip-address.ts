import { isIPv4, isIPv6 } from 'node:net';
import type { Detector, ValidationResult } from '../src/engine/detector.js';
import { isAddressInsideToken } from '../src/engine/token-bounds.js';

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = String.raw`${OCTET}(?:\.${OCTET}){3}`;
const HEX = '[0-9a-fA-F]{1,4}';

/**
 * Text right before a dotted quad that makes it a version, a build or a section number: a key or
 * word such as `version=`, `build:`, `v`, `section`, maven coordinates (`group:artifact:`) or a
 * package before it (`~[netty-4.1.100.1.jar:4.1.100.1]`).
 */
const VERSION_BEFORE =
  /(?:version|release|build|revision|firmware|(?:^|[^a-z])(?:ver|rev|v|fw|sdk|section|sec|§|chapter|clause|rfc|article|paragraph|para|figure|fig|table|step))["']?\s*[=:]?\s*["']?$|\/$|[\w.-]+:[\w.-]+:$|\.(?:jar|war|ear|aar|so|dll|whl|egg|gem|zip|tgz|gz|rpm|deb|apk):$/;

/**
 * The key a value stands under, at the end of the text before it: `upstream=`, `"server_addr":"`,
 * or the key of a list the value is an item of (`X-Forwarded-For: 203.0.113.42, `).
 */
const NEAREST_KEY = /([a-z][\w.-]*)["']?\s*[=:]\s*\[?\s*["']?(?:[^\s"'=,]+["']?\s*,\s*["']?)*$/;

/** Key words naming the client of a request: its address is a person's. They win over server words. */
const CLIENT_KEY = /remote|client|forwarded|peer|src|source|real|user|visitor|origin|caller|customer/;

/** Key words naming a server, a resolver or a hop: its address is infrastructure, not a person's. */
const SERVER_KEY =
  /upstream|server|dns|resolver|nameserver|gateway|proxy|backend|dest|dst|target|listen|bind|local|ntp|smtp|relay|nexthop|router|pod|node|mask/;

/** The word right before a value in prose (`via resolver 10.0.0.2`). */
const LAST_WORD = /(?:^|\s)([a-z][\w-]*)\s+$/;

/** Whether the key or word the value stands under names a server, not a client. */
function isServerKey(before: string): boolean {
  const key = NEAREST_KEY.exec(before)?.[1] ?? LAST_WORD.exec(before)?.[1];
  return key !== undefined && !CLIENT_KEY.test(key) && SERVER_KEY.test(key);
}

/**
 * `1.14.2.3`: a first part under 10 and the other three under 32 is how versions look; addresses
 * with those numbers are a sliver of the space (and 1.1.1.1, 8.8.8.8, 9.9.9.9 are resolvers).
 */
function isVersionLike(value: string): boolean {
  const [first, ...rest] = value.split('.').map(Number);
  return first! < 10 && rest.every((n) => n < 32);
}

function validateV4(value: string, before: string, after: string): ValidationResult {
  if (VERSION_BEFORE.test(before)) return { status: 'invalid', reason: 'version string' };
  if (/^\.\d/.test(after)) return { status: 'invalid', reason: 'part of a longer dotted number' };
  if (/^\/\d{1,2}(?!\d)/.test(after)) return { status: 'invalid', reason: 'CIDR block' };
  if (/^(?:0|127|255)\./.test(value)) return { status: 'invalid', reason: 'unspecified, loopback or netmask address' };
  if (isVersionLike(value)) return { status: 'invalid', reason: 'version-like: one digit, then small numbers' };
  if (isServerKey(before)) return { status: 'invalid', reason: 'server address' };
  return { status: 'none' };
}

function validateV6(value: string, before: string, after: string): ValidationResult {
  if (!isIPv6(value)) return { status: 'invalid', reason: 'not an IPv6 address' };
  const groups = value.split(':').filter((g) => g !== '');
  if (groups.length < 3 && !value.includes('.'))
    return { status: 'invalid', reason: 'too few groups (loopback, link-local or a `::` path)' };
  if (/^fe80:/i.test(value)) return { status: 'invalid', reason: 'link-local address' };
  // Fingerprints and certificate serials are bytes in hex joined by colons: more groups than an
  // address has, or eight groups of exactly two digits, which addresses (with their 16-bit groups) rarely are.
  if (/[0-9a-f]:$/i.test(before) || /^:[0-9a-f]/i.test(after))
    return { status: 'invalid', reason: 'part of a longer colon-separated hex run' };
  if (groups.length === 8 && groups.every((g) => g.length === 2))
    return { status: 'invalid', reason: 'bytes in hex (a serial or fingerprint), not an address' };
  if (/^\/\d{1,3}(?!\d)/.test(after)) return { status: 'invalid', reason: 'CIDR block' };
  if (isServerKey(before)) return { status: 'invalid', reason: 'server address' };
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
    if (isAddressInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    if (value.includes(':')) return validateV6(value, context.before, context.after);
    return isIPv4(value)
      ? validateV4(value, context.before, context.after)
      : { status: 'invalid', reason: 'not an IPv4 address' };
  },
  // Dotted quads in a column so named are versions and builds; addresses of servers, gateways and
  // networks are not a person's, even in a column named for addresses (`server_ip`).
  column: {
    minShare: 0,
    otherKinds: ['version', 'ver', 'build', 'release', 'revision', 'firmware'],
    notPersonal: [
      'server',
      'upstream',
      'resolver',
      'dns',
      'nameserver',
      'gateway',
      'router',
      'subnet',
      'netmask',
      'network',
      'cidr',
    ],
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
      { text: 'X-Forwarded-For: 198.51.100.7, 203.0.113.42', value: '203.0.113.42' },
      { text: '{"remote_addr":"203.0.113.42","upstream_addr":"10.2.3.4:80"}', value: '203.0.113.42' },
      { text: 'server_addr=10.0.0.5 client_ip=198.51.100.7', value: '198.51.100.7' },
      { text: 'pam_unix(sshd:auth): authentication failure; rhost=203.0.113.42', value: '203.0.113.42' },
      { text: 'Accepted publickey for deploy from 198.51.100.7 port 52222 ssh2', value: '198.51.100.7' },
      { text: 'login from 5.62.41.103 ok', value: '5.62.41.103' },
      { text: '{"build":"12.4.1.7","client_ip":"203.0.113.42"}', value: '203.0.113.42' },
    ],
    negative: [
      { text: 'agent version=1.2.3.4 started', reason: 'version string' },
      { text: '<input name="app_version" id="app_version" value="10.20.30.40">', reason: 'a version in a named input' },
      { text: 'Parameters: {"device"=>{"sdk_build"=>"10.20.30.40"}}', reason: 'a build under a Ruby hash key' },
      { text: '<tr><th>Firmware version</th><td>10.20.30.40</td></tr>', reason: 'a version in a labelled table cell' },
      { text: 'Mozilla/5.0 Chrome/120.0.6099.109 Safari/537.36 Edg/120.0.2210.91', reason: 'user agent versions' },
      { text: 'listening on 0.0.0.0:8080 and 127.0.0.1', reason: 'unspecified and loopback addresses' },
      { text: 'oid 1.3.6.1.4.1.311 resolved', reason: 'part of a longer dotted number' },
      { text: 'at 10:00:00 in crate::module::fn', reason: 'time and a Rust path, not IPv6' },
      { text: 'routes 10.0.0.0/8 and 192.168.0.0/16 via gateway', reason: 'CIDR blocks' },
      { text: 'allow 2001:db8:85a3::/48', reason: 'IPv6 CIDR block' },
      {
        text: 'host key MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48 accepted',
        reason: 'part of a longer colon-separated hex run',
      },
      {
        text: 'cert serial 4c:c2:27:21:cb:7d:33:00 loaded',
        reason: 'bytes in hex (a serial or fingerprint), not an address',
      },
      { text: 'installing foo-1.2.3.4.jar', reason: 'version in a jar name' },
      { text: 'resolved com.acme:widget:1.2.3.4', reason: 'version in maven coordinates' },
      { text: 'see section 1.2.3.4 of the spec', reason: 'section number' },
      { text: '{"appVersion":"10.2.0.17"}', reason: 'version key' },
      { text: 'build 10.2.0.17-SNAPSHOT', reason: 'version with a suffix' },
      {
        text: 'upstream=10.2.3.4:8080 dns=8.8.8.8 server_addr=10.0.0.5',
        reason: 'server addresses in fields that name a server',
      },
      {
        text: '{"upstream_addr":"10.2.3.4:80","resolvers":["9.9.9.9","1.1.1.1"]}',
        reason: 'upstream and resolver addresses',
      },
      { text: 'upstream: "10.2.3.4:8080, 10.2.3.5:8080"', reason: 'a list of upstream addresses' },
      { text: 'forwarding to backend 10.1.2.3:8080 via resolver 10.0.0.2', reason: 'a word before it names a server' },
      { text: 'deployed orders 1.14.2.3 to eu-west-1', reason: 'version-like numbers' },
      {
        text: 'at Foo.run(Foo.java:42) ~[netty-codec-4.1.100.1.jar:4.1.100.1]',
        reason: 'versions in logback packaging data',
      },
    ],
  },
};
