/**
 * MAC addresses (EUI-48) in colon, dash and dotted (Cisco) form. A device's address identifies
 * its owner indirectly; broadcast, all-zero and multicast addresses identify no device. Six
 * colon groups inside an IPv6 address, or a clock time, are not one.
 */
import type { Detector } from '../src/engine/detector.js';

const HEX = '[0-9A-Fa-f]';

/** A hex group and a colon next to a match (IPv6), or a glued token (`host-00-00-5e-...-rc1`). */
function isInsideHexRun(before: string, after: string): boolean {
  return (
    /(?:^|[^0-9a-z])[0-9a-f]{1,4}:$|::$|[0-9a-z][.-]$/.test(before) || /^:[0-9A-Fa-f:]|^[.-][0-9A-Za-z]/.test(after)
  );
}

/** Keeps the first six hex digits (the vendor's OUI), which name a maker and no device. */
function maskAfterVendor(value: string): string {
  let kept = 0;
  return value.replace(/[0-9A-Fa-f]/g, (ch) => (kept++ < 6 ? ch : '*'));
}

export const macAddress: Detector = {
  id: 'mac_address',
  description: 'MAC addresses in colon, dash and dotted form; not broadcast, all-zero, multicast or inside IPv6',
  category: 'device',
  sensitivity: 'standard',
  identifier: 'indirect',
  patterns: [
    {
      name: 'mac_address.colon',
      regex: String.raw`\b${HEX}{2}(?::${HEX}{2}){5}\b`,
      score: 0.6,
    },
    { name: 'mac_address.dash', regex: String.raw`\b${HEX}{2}(?:-${HEX}{2}){5}\b`, score: 0.6 },
    { name: 'mac_address.dotted', regex: String.raw`\b${HEX}{4}\.${HEX}{4}\.${HEX}{4}\b`, score: 0.5 },
  ],
  contextWords: ['mac', 'mac address', 'hwaddr', 'ether', 'bssid', 'wifi', 'device'],
  fieldNames: ['mac', 'macaddress', 'macaddr', 'hwaddr', 'hwaddress', 'bssid'],
  validate(value, context) {
    if (isInsideHexRun(context.before, context.after))
      return { status: 'invalid', reason: 'part of a longer address or hex run' };
    const hex = value.replace(/[:.-]/g, '').toLowerCase();
    if (hex === 'ffffffffffff') return { status: 'invalid', reason: 'the broadcast address' };
    if (hex === '000000000000') return { status: 'invalid', reason: 'the all-zero address' };
    // The low bit of the first octet marks a group (multicast) address: no one device's.
    if (parseInt(hex.slice(0, 2), 16) & 1) return { status: 'invalid', reason: 'a multicast address' };
    if (!/[a-f]/.test(hex) && value.includes('.'))
      return { status: 'invalid', reason: 'dotted digits alone: a version or a number, not an address' };
    return { status: 'valid', check: 'unicast-eui48' };
  },
  mask: maskAfterVendor,
  examples: {
    positive: [
      { text: 'dhcp lease to 00:00:5e:00:53:01 granted', value: '00:00:5e:00:53:01' },
      { text: 'wifi client 00-00-5E-00-53-2A associated', value: '00-00-5E-00-53-2A' },
      { text: 'port gi0/1 learned 0000.5e00.53ab', value: '0000.5e00.53ab' },
      { text: '{"mac":"02:00:5E:10:00:00"}', value: '02:00:5E:10:00:00' },
      { text: '00:00:5E:00:53:FF', hint: 'device_mac', value: '00:00:5E:00:53:FF' },
    ],
    negative: [
      { text: 'arp who-has ff:ff:ff:ff:ff:ff', reason: 'the broadcast address' },
      { text: 'link down 00:00:00:00:00:00', reason: 'the all-zero address' },
      { text: 'igmp join 01:00:5e:00:00:fb', reason: 'a multicast address' },
      { text: 'route fe80:0:0:0:00:5e:00:53:01:1 added', reason: 'groups inside an IPv6 address' },
      { text: 'took 12:34:56 elapsed', reason: 'a clock time has three groups' },
      { text: 'fw 1234.5678.9012 flashed', reason: 'dotted digits alone: a version or a number, not an address' },
    ],
  },
};
