import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";

/** What a name resolves to; injectable so tests can make any name point anywhere without DNS. */
export type Resolver = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A fetch target the guard will not connect to; never retried, since asking again changes nothing. */
export class BlockedAddressError extends Error {
  override readonly name = "BlockedAddressError";
}

const V4_RANGES: ReadonlyArray<[base: string, bits: number, what: string]> = [
  ["0.0.0.0", 8, "a 'this network' address (Linux connects it to localhost)"],
  ["10.0.0.0", 8, "a private address (10/8)"],
  ["100.64.0.0", 10, "a carrier-grade NAT address (100.64/10)"],
  ["127.0.0.0", 8, "a loopback address (127/8)"],
  ["169.254.0.0", 16, "a link-local address (169.254/16, where cloud metadata lives)"],
  ["172.16.0.0", 12, "a private address (172.16/12)"],
  ["192.168.0.0", 16, "a private address (192.168/16)"],
  ["224.0.0.0", 4, "a multicast address"],
  ["240.0.0.0", 4, "a reserved address"],
];

function v4Number(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function v4Reason(address: string): string | null {
  const n = v4Number(address);
  for (const [base, bits, what] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    if (Math.floor(n / size) === Math.floor(v4Number(base) / size)) return what;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address, an embedded dotted IPv4 tail included. */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const n = v4Number(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function v6Reason(address: string): string | null {
  const g = v6Groups(address);
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const embeddedV4 = `${g6 >>> 8}.${g6 & 0xff}.${g7 >>> 8}.${g7 & 0xff}`;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address inside.
  if (zeroUpTo(5) && g5 === 0xffff) return v4Reason(embeddedV4);
  if (g0 === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Reason(embeddedV4);
  if (zeroUpTo(7) && g7 === 1) return "a loopback address (::1)";
  if (zeroUpTo(6)) return "an unspecified or IPv4-compatible address (::/96)";
  if ((g0 & 0xfe00) === 0xfc00) return "a unique local address (fc00::/7)";
  if ((g0 & 0xffc0) === 0xfe80) return "a link-local address (fe80::/10)";
  if ((g0 & 0xff00) === 0xff00) return "a multicast address (ff00::/8)";
  return null;
}

/** Why the bot must not connect to this IP address on a feed's say-so, or null when it is public. */
export function internalAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return v4Reason(address);
  if (family === 6) return v6Reason(address);
  return "not an IP address";
}

export interface AddressPolicy {
  resolve: Resolver;
  /** Internal addresses that may still be reached: FETCH_ALLOW_PRIVATE=1 allows them all. */
  allowInternal: (address: string) => boolean;
}

/** The IP literal a URL host names (brackets of IPv6 removed), or null for a name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  return isIP(bare) ? bare : null;
}

/** Why `address` (reached for `host`) must not be connected to, or null when it may. */
export function refusal(policy: AddressPolicy, host: string, address: string): string | null {
  const reason = internalAddressReason(address);
  if (reason === null || policy.allowInternal(address)) return null;
  const target = host === address ? address : `${host} resolves to ${address}`;
  return `refused to fetch from an internal address: ${target}, ${reason} (FETCH_ALLOW_PRIVATE=1 allows it)`;
}

/**
 * A `lookup` for net/tls.connect: resolves once, refuses the whole name if any address is internal,
 * and hands the socket only the addresses it checked, so nothing can re-resolve the name to another
 * address between the check and the connection (DNS rebinding). The socket keeps the URL's name for
 * the Host header and TLS SNI.
 */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    policy
      .resolve(hostname)
      .then((found) => {
        const wanted = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        const [first] = wanted;
        if (!first) throw Object.assign(new Error(`no address found for ${hostname}`), { code: "ENOTFOUND" });
        for (const { address } of wanted) {
          const refused = refusal(policy, hostname, address);
          if (refused) throw new BlockedAddressError(refused);
        }
        if (options.all)
          callback(
            null,
            wanted.map((a) => ({ address: a.address, family: a.family })),
          );
        else callback(null, first.address, first.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, "", 0));
  };
}
