import { BlockList, isIP } from 'node:net';
import type { FeedFetchConfig } from './config';

/**
 * Addresses a feed may never be fetched from: loopback, private, link-local, unique-local,
 * CGNAT, multicast, documentation and reserved ranges (v4 and v6). IPv4-mapped and NAT64/6to4
 * v6 ranges are refused whole, since they can embed any of the v4 ranges above.
 */
const FORBIDDEN: Array<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.88.99.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['::ffff:0:0', 96, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['64:ff9b:1::', 48, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
  ['2002::', 16, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['fec0::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const forbidden = new BlockList();
for (const [net, prefix, type] of FORBIDDEN) forbidden.addSubnet(net, prefix, type);

export class BlockedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`Refused to fetch ${host}: ${address} is a private or reserved address`);
    this.name = 'BlockedAddressError';
  }
}

const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** The allow-list from configuration, parsed once per config object. */
const allowCache = new WeakMap<FeedFetchConfig, BlockList>();
function allowList(config: FeedFetchConfig): BlockList {
  let list = allowCache.get(config);
  if (!list) {
    list = new BlockList();
    for (const cidr of config.allowPrivateCidrs) {
      const [net = '', prefix] = cidr.split('/');
      const type = familyOf(net);
      if (!isIP(net)) throw new Error(`FEED_FETCH_ALLOW_PRIVATE_CIDRS: ${cidr} is not a CIDR`);
      list.addSubnet(net, prefix ? Number(prefix) : type === 'ipv6' ? 128 : 32, type);
    }
    allowCache.set(config, list);
  }
  return list;
}

/** Throws unless `address` (already resolved for `host`) may be connected to. */
export function assertAddressAllowed(host: string, address: string, config: FeedFetchConfig): void {
  if (!isIP(address)) throw new BlockedAddressError(host, address);
  const type = familyOf(address);
  if (config.allowHosts.includes(host.toLowerCase())) return;
  if (allowList(config).check(address, type)) return;
  if (forbidden.check(address, type)) throw new BlockedAddressError(host, address);
}
