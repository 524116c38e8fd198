// One mailbox, one key: the rate limits count mail per person, and a person can be written to
// under many spellings. `bob+1@example.com` and `bob+2@example.com` reach the same inbox, and so
// do `b.o.b@gmail.com` and `bob@googlemail.com`. Counting the exact address gave each spelling
// its own budget. Only `+` tags are removed: `-` is an ordinary character in most local parts.

/** Providers whose mailboxes ignore dots in the local part, and the domain each is known by. */
export const DOT_BLIND_PROVIDERS: Readonly<Record<string, string>> = {
  'gmail.com': 'gmail.com',
  'googlemail.com': 'gmail.com',
};

/** Pure: the key mail to `address` is counted under (lower case, tag dropped, provider rules). */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf('@');
  if (at <= 0) return a;
  let local = a.slice(0, at);
  let domain = a.slice(at + 1).replace(/\.$/, '');
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const provider = DOT_BLIND_PROVIDERS[domain];
  if (provider) {
    domain = provider;
    local = local.replace(/\./g, '') || local;
  }
  return `${local}@${domain}`;
}

/** Pure: the domain part of the key (the per-domain budget counts by it). */
export function addressDomain(address: string): string {
  const key = addressKey(address);
  return key.slice(key.lastIndexOf('@') + 1);
}
