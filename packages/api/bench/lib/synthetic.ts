/**
 * A realistic-vocabulary corpus for the speed benchmark: entries of consulting notes whose
 * sentences mix real English from the Cranfield abstracts with templated consulting prose
 * (clients, industries, functions, metrics), so term frequencies follow a natural long tail
 * instead of random tokens. Deterministic for a given seed.
 */
import type { CranDoc } from './cranfield';

export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLIENTS = [
  'Acme Retail',
  'Nordwind Logistics',
  'Helios Energy',
  'Brightwater Bank',
  'Kestrel Foods',
  'Orion Telecom',
  'Vantage Health',
  'Summit Insurance',
  'Atlas Manufacturing',
  'Cedar Pharma',
  'Lumen Media',
  'Granite Construction',
  'Polaris Chemicals',
  'Meridian Airlines',
  'Juniper Hotels',
  'Cobalt Mining',
  'Sable Fashion',
  'Tidewater Ports',
  'Evergreen Utilities',
  'Quartz Semiconductors',
];
const INDUSTRIES = [
  'grocery retail',
  'freight logistics',
  'renewable energy',
  'retail banking',
  'packaged food',
  'mobile telecom',
  'hospital care',
  'property insurance',
  'discrete manufacturing',
  'generic pharmaceuticals',
  'digital media',
  'infrastructure construction',
  'specialty chemicals',
  'regional aviation',
  'hospitality',
  'metals mining',
  'apparel',
  'container shipping',
  'water utilities',
  'chip design',
];
// Metrics and functions are combinations, so each word has its own frequency (a long tail).
const METRIC_HEADS = [
  'gross',
  'net',
  'operating',
  'inventory',
  'order',
  'delivery',
  'customer',
  'employee',
  'supplier',
  'forecast',
  'capital',
  'cash',
  'energy',
  'carbon',
  'claims',
  'warranty',
  'payroll',
  'ticket',
  'shipment',
  'contract',
];
const METRIC_TAILS = [
  'margin',
  'turns',
  'churn',
  'accuracy',
  'cycle time',
  'cost',
  'yield',
  'attrition',
  'lead time',
  'fill rate',
  'backlog',
  'conversion',
  'utilization',
  'intensity',
  'leakage',
];
const FUNCTION_HEADS = [
  'procurement',
  'supply chain',
  'pricing',
  'customer service',
  'finance',
  'talent',
  'sales',
  'IT',
  'marketing',
  'warehouse',
  'product',
  'risk',
  'legal',
  'facilities',
  'quality',
  'maintenance',
  'treasury',
  'compliance',
];
const FUNCTION_TAILS = [
  'operations',
  'planning',
  'governance',
  'analytics',
  'strategy',
  'controls',
  'platform',
  'organization',
];
const ACTIONS = [
  'redesigned',
  'benchmarked',
  'consolidated',
  'automated',
  'renegotiated',
  'piloted',
  'standardized',
  'outsourced',
  'centralized',
  'digitized',
  'restructured',
  're-tendered',
  'simplified',
  'audited',
  'modelled',
  'rolled out',
];
const FINDINGS = [
  'improved by eight percent',
  'fell below the industry median',
  'stayed flat despite the investment',
  'doubled within two quarters',
  'varied widely between regions',
  'was driven by a few large accounts',
  'lagged the competitors we interviewed',
  'recovered after the pilot',
  'was overstated in the monthly report',
  'depended on manual workarounds',
];
const SECTIONS = [
  'Context',
  'Findings',
  'Interviews',
  'Analysis',
  'Recommendations',
  'Risks',
  'Next steps',
  'Data sources',
  'Stakeholders',
  'Lessons learned',
];

export type Vocabulary = { sentences: string[] };

export function vocabulary(docs: CranDoc[]): Vocabulary {
  const sentences = docs
    .flatMap((d) => d.body.replace(/\s+/g, ' ').split(/(?<=\.)\s+/))
    .map((s) => s.trim())
    .filter((s) => s.length > 40 && s.length < 400);
  return { sentences };
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const metric = (rand: () => number) => `${pick(rand, METRIC_HEADS)} ${pick(rand, METRIC_TAILS)}`;
const fn = (rand: () => number) => `${pick(rand, FUNCTION_HEADS)} ${pick(rand, FUNCTION_TAILS)}`;

function consultingSentence(rand: () => number): string {
  const templates = [
    () =>
      `We ${pick(rand, ACTIONS)} the ${fn(rand)} process at ${pick(rand, CLIENTS)} and ${metric(rand)} ${pick(rand, FINDINGS)}.`,
    () =>
      `In ${pick(rand, INDUSTRIES)}, ${metric(rand)} ${pick(rand, FINDINGS)} once ${fn(rand)} was ${pick(rand, ACTIONS)}.`,
    () =>
      `The ${fn(rand)} team asked how ${metric(rand)} compares with other ${pick(rand, INDUSTRIES)} firms.`,
    () =>
      `Interviews with ${pick(rand, CLIENTS)} showed that ${metric(rand)} depends on ${fn(rand)} and ${fn(rand)}.`,
  ];
  return pick(rand, templates)();
}

/** One entry: a title and a markdown body of `sections` sections of about `sectionChars` characters. */
export function syntheticEntry(
  rand: () => number,
  vocab: Vocabulary,
  sections: number,
  sectionChars: number,
) {
  const client = pick(rand, CLIENTS);
  const title = `${client}: ${fn(rand)} ${pick(rand, ['review', 'diagnostic', 'workshop notes', 'benchmark', 'playbook'])}`;
  const parts: string[] = [];
  for (let s = 0; s < sections; s++) {
    const lines: string[] = [];
    let length = 0;
    while (length < sectionChars) {
      const sentence = rand() < 0.6 ? pick(rand, vocab.sentences) : consultingSentence(rand);
      lines.push(sentence);
      length += sentence.length + 1;
    }
    parts.push(`## ${SECTIONS[s % SECTIONS.length]}\n\n${lines.join(' ')}`);
  }
  return { title, body: parts.join('\n\n') };
}

/** Search-box queries: mostly 2-4 content words, some full Cranfield questions. */
export function syntheticQueries(
  rand: () => number,
  vocab: Vocabulary,
  cranQueries: string[],
  n: number,
): string[] {
  const stop = new Set(
    'the a an of in on at to and or for with by from is are was were be been that this which as it its into than then there their these those such'.split(
      ' ',
    ),
  );
  const out: string[] = [];
  while (out.length < n) {
    const r = rand();
    if (r < 0.25) out.push(pick(rand, cranQueries));
    else if (r < 0.6)
      out.push(`${metric(rand)} ${fn(rand)} ${rand() < 0.5 ? pick(rand, INDUSTRIES) : ''}`.trim());
    else {
      const words =
        pick(rand, vocab.sentences)
          .toLowerCase()
          .match(/[a-z]{4,}/g)
          ?.filter((w) => !stop.has(w)) ?? [];
      const k = 2 + Math.floor(rand() * 3);
      const start = Math.floor(rand() * Math.max(1, words.length - k));
      const q = words.slice(start, start + k).join(' ');
      if (q) out.push(q);
    }
  }
  return out;
}
