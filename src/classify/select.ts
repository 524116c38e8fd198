// Feature selection per head: the stems most associated (either way) with the head's label, by the
// chi-square statistic of a 2x2 table. A few hundred stems per right are plenty; the rest are
// names, greetings and noise that would only blur the Bayes counts.

/** `docs` are sets of tokens; returns at most `k` tokens seen in at least `minDocFreq` docs,
 * strongest first, ties broken by the token so the result is deterministic. */
export function selectFeatures(docs: Array<Set<string>>, labels: boolean[], k: number, minDocFreq: number): string[] {
  const n = docs.length;
  const positives = labels.filter(Boolean).length;
  const withToken = new Map<string, { pos: number; neg: number }>();
  docs.forEach((doc, i) => {
    for (const token of doc) {
      const counts = withToken.get(token) ?? { pos: 0, neg: 0 };
      if (labels[i]) counts.pos++;
      else counts.neg++;
      withToken.set(token, counts);
    }
  });
  const scored: Array<[string, number]> = [];
  for (const [token, { pos, neg }] of withToken) {
    if (pos + neg < minDocFreq) continue;
    scored.push([token, chiSquare(n, pos, neg, positives - pos, n - positives - neg)]);
  }
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return scored.slice(0, k).map(([token]) => token);
}

/** a: token & positive, b: token & negative, c: no token & positive, d: no token & negative. */
function chiSquare(n: number, a: number, b: number, c: number, d: number): number {
  const denominator = (a + c) * (b + d) * (a + b) * (c + d);
  return denominator === 0 ? 0 : (n * (a * d - b * c) ** 2) / denominator;
}
