/**
 * The dependency direction of docs/architecture.md, checked in `npm test`.
 * A rule names what must never be imported from where.
 */
const domain = '^src/(accounts|generation|billing|privacy|admin|moderation|prompts|audit|support|webhooks)/';
/** The composition roots: they build everything and nothing imports them. */
const roots = '^src/(main|app|deps|adapters|worker)\\.ts$';
const adapters = '^src/(providers|storage|mail|pubsub|image-moderation)/|^src/jobs/queue\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-roots',
      severity: 'error',
      comment: 'Nothing imports main.ts, app.ts, deps.ts (with its adapters.ts) or worker.ts but another root, tests and benchmarks.',
      from: { pathNot: `${roots}|^test/|^bench/|\\.test\\.ts$` },
      to: { path: roots },
    },
    {
      name: 'only-roots-know-http',
      severity: 'error',
      comment: 'Only composition roots import src/http.',
      from: { path: '^src/', pathNot: `^src/http/|${roots}` },
      to: { path: '^src/http/' },
    },
    {
      name: 'base-knows-no-domain',
      severity: 'error',
      comment: 'db, lib and contracts import nothing above them.',
      from: { path: '^src/(db|lib|contracts)/' },
      to: {
        path: '^src/(accounts|generation|billing|privacy|admin|moderation|credits|prompts|audit|support|webhooks|providers|storage|mail|pubsub|image-moderation|jobs|http)/',
      },
    },
    {
      name: 'contracts-only-zod',
      severity: 'error',
      comment: 'contracts/ is shared with web/ and imports only zod.',
      from: { path: '^src/contracts/' },
      to: { dependencyTypes: ['npm'], pathNot: 'node_modules/zod/' },
    },
    {
      name: 'credits-is-the-ledger',
      severity: 'error',
      comment: 'credits imports only db/ and lib/.',
      from: { path: '^src/credits/' },
      to: { path: '^src/', pathNot: '^src/(credits|db|lib|contracts)/' },
    },
    {
      name: 'prompts-scope',
      severity: 'error',
      comment: 'prompts (history and presets) knows only db/, lib/ and contracts/: generation and privacy call it, never the reverse.',
      from: { path: '^src/prompts/' },
      to: { path: '^src/', pathNot: '^src/(prompts|db|lib|contracts)/' },
    },
    {
      name: 'adapters-know-no-domain',
      severity: 'error',
      comment: 'Adapters know no domain module.',
      from: { path: adapters },
      to: { path: `${domain}|^src/credits/` },
    },
    {
      name: 'moderation-is-pure',
      severity: 'error',
      from: { path: '^src/moderation/' },
      to: { path: domain, pathNot: '^src/moderation/' },
    },
    {
      name: 'accounts-know-no-later-modules',
      severity: 'error',
      from: { path: '^src/accounts/' },
      to: { path: '^src/(generation|billing|privacy|admin|support|webhooks)/' },
    },
    {
      name: 'generation-pays-through-credits',
      severity: 'error',
      from: { path: '^src/generation/' },
      to: { path: '^src/(billing|privacy|admin|accounts|support|webhooks)/' },
    },
    {
      name: 'billing-scope',
      severity: 'error',
      comment: 'billing pays through credits and knows only db/, lib/ and contracts/ besides (Stripe sits behind its own gateway file).',
      from: { path: '^src/billing/' },
      to: { path: '^src/', pathNot: '^src/(billing|credits|db|lib|contracts)/' },
    },
    {
      name: 'audit-scope',
      comment: 'audit (the append-only log of operator actions) knows only db/, lib/ and contracts/: admin writes it, privacy exports it.',
      severity: 'error',
      from: { path: '^src/audit/' },
      to: { path: '^src/', pathNot: '^src/(audit|db|lib|contracts)/' },
    },
    {
      name: 'support-scope',
      comment:
        'support (requests, threads, the inbox) checks links through generation and billing, names the requester through accounts, ' +
        'writes the audit log and sends mail; it knows nothing else (privacy exports it, http serves it).',
      severity: 'error',
      from: { path: '^src/support/' },
      to: {
        path: '^src/',
        pathNot: '^src/(support|accounts|generation|billing|audit|mail|db|lib|contracts)/|^src/jobs/queue\\.ts$',
      },
    },
    {
      name: 'webhooks-scope',
      severity: 'error',
      comment:
        'webhooks (endpoints, deliveries, the signed POSTs) names the owner through accounts and sends mail; nothing else. ' +
        'Events reach it through ports deps.ts wires (generation knows only its GenerationEvents); privacy exports and erases it.',
      from: { path: '^src/webhooks/' },
      to: { path: '^src/', pathNot: '^src/(webhooks|accounts|mail|db|lib|contracts)/|^src/jobs/queue\\.ts$' },
    },
    {
      name: 'tags-stand-alone',
      severity: 'error',
      comment: "tags knows no other module: the user's recent prompts arrive as a function (deps.ts wires generation's).",
      from: { path: '^src/tags/' },
      to: { path: '^src/', pathNot: '^src/(tags|lib|contracts)/' },
    },
    {
      name: 'admin-only-from-http',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(admin|http)/|${roots}` },
      to: { path: '^src/admin/' },
    },
    {
      name: 'module-public-face',
      severity: 'error',
      comment: "Across modules, import only a module's index.ts.",
      from: {
        path: '^src/(accounts|generation|billing|privacy|admin|moderation|credits|prompts|audit|support|webhooks)/',
        pathNot: '\\.test\\.ts$',
      },
      to: {
        path: '^src/(accounts|generation|billing|privacy|admin|moderation|credits|prompts|audit|support|webhooks)/',
        pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'web-only-contracts',
      severity: 'error',
      comment: 'The browser app talks to the server through contracts only.',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: '^src/contracts/' },
    },
    {
      name: 'tables-have-one-owner',
      severity: 'error',
      comment:
        "A module's tables (its <module>.schema.ts) are read and written by that module only; others call its index.ts. " +
        'Foreign keys to another module live in the migrations, not in a schema file.',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/[^/]+\\.schema\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'no-barrel-of-all-tables',
      severity: 'error',
      comment: 'Every table at once is for tests only (test/helpers/tables.ts); db/ holds no tables.',
      from: { path: '^src/' },
      to: { path: '^test/helpers/tables\\.ts$|^src/db/schema' },
    },
    {
      name: 'config-reads-public-faces',
      severity: 'error',
      comment: "config.ts parses the environment with modules' public parsers: their index.ts, lib/ and contracts/ only.",
      from: { path: '^src/config\\.ts$' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/[^/]+/index\\.ts$', '^src/(lib|contracts)/'] },
    },
    {
      name: 'privacy-orchestrates-below-it',
      severity: 'error',
      comment:
        'privacy reaches accounts, credits, billing, generation, prompts, moderation (refused prompts are personal data), support, webhooks and audit through their index.ts; never the console (admin) or http.',
      from: { path: '^src/privacy/' },
      to: { path: '^src/admin/' },
    },
    { name: 'no-circular', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|data)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
