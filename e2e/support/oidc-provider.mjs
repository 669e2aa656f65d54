// A real OpenID Connect provider on loopback for the single sign-on tests: npm `oidc-provider`
// (a certified OP) with one confidential client, a few fixed people and a one-page login. The
// Rust integration tests start one per test; `cargo xtask test` starts one for the e2e run.
//
//   node e2e/support/oidc-provider.mjs --redirect-uri URI [--redirect-uri URI…]
//        [--host 127.0.0.2] [--port 0] [--client-id portal-test] [--client-secret …]
//
// It prints `oidc provider listening on ISSUER` once it answers, and stops on SIGTERM or SIGINT.
// The default host is 127.0.0.2, not the portal's 127.0.0.1: another site, as a real provider
// is, so browsers apply their cross-site cookie rules to the round trip.
//
// The login page asks "Who are you?" (one of PEOPLE) and whether a second factor was used, which
// puts `mfa` and `otp` in the ID token's `amr` (RFC 8176); without it `amr` is just `pwd`.
// Consent is granted at once, as for a clinic's own app. Nothing here is for real use.
import crypto from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';

// oidc-provider warns on stdout about Node 20 (it supports 22 and later); the tests read the
// line below, so keep stdout for it.
const log = console.log;
console.log = console.warn;
const { default: Provider } = await import('oidc-provider');

/** The provider's people: the login name is the subject (`sub`). */
export const PEOPLE = {
  priya: { email: 'priya.shah@demo.riverbend.example', email_verified: true, name: 'Dr. Priya Shah' },
  // The same verified email as `priya` under another subject: must never take over her account.
  'priya-again': { email: 'priya.shah@demo.riverbend.example', email_verified: true, name: 'Priya Shah (second identity)' },
  tom: { email: 'tom.becker@demo.riverbend.example', email_verified: true, name: 'Tom Becker' },
  ana: { email: 'ana.garcia@demo.riverbend.example', email_verified: true, name: 'Ana García' },
  // Claims a staff email the provider never checked.
  unverified: { email: 'alex.rivera@demo.riverbend.example', email_verified: false, name: 'Not Verified' },
  stranger: { email: 'stranger@elsewhere.example', email_verified: true, name: 'Someone Else' },
};

const { values: args } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.2' },
    port: { type: 'string', default: '0' },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    'client-id': { type: 'string', default: 'portal-test' },
    'client-secret': { type: 'string', default: 'portal-test-secret-not-for-production' },
  },
});
if (args['redirect-uri'].length === 0) {
  console.error('give the portal callback with --redirect-uri http://127.0.0.1:PORT/auth/oidc/callback');
  process.exit(2);
}

let handle = (_req, res) => res.writeHead(503).end();
const server = http.createServer((req, res) => handle(req, res));
await new Promise((resolve) => server.listen(Number(args.port), args.host, resolve));
const issuer = `http://${args.host}:${server.address().port}`;

// A fresh signing key per run: the portal must fetch it from the JWKS, never know it ahead.
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: args['client-id'],
      client_secret: args['client-secret'],
      redirect_uris: args['redirect-uri'],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey] },
  async findAccount(_ctx, id) {
    const person = PEOPLE[id];
    if (!person) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...person }) };
  },
  // `amr` must come with a scope the portal asks for, or the provider leaves it out of the ID token.
  claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
  // Put the email claims in the ID token, as most providers do, not only in userinfo.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async loadExistingGrant(ctx) {
    const { client, session, params } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    const existing = grantId && (await ctx.oidc.provider.Grant.find(grantId));
    if (existing) return existing;
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(String(params.scope ?? 'openid'));
    await grant.save();
    return grant;
  },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
});
const callback = provider.callback();

function page(res, status, body) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>${body}</main></body></html>`);
}

function loginForm(uid, error) {
  const options = Object.entries(PEOPLE)
    .map(([id, p]) => `<option value="${id}">${p.name} (${id})</option>`)
    .join('');
  const action = `/interaction/${encodeURIComponent(uid)}`;
  return `${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="${action}/login">
<p><label for="login">Who are you?</label> <select id="login" name="login">${options}</select></p>
<p><input type="checkbox" id="mfa" name="mfa" value="yes"> <label for="mfa">I used a second factor</label></p>
<p><button type="submit">Sign in</button></p>
</form>
<form method="post" action="${action}/abort"><p><button type="submit">Cancel</button></p></form>`;
}

async function formBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

handle = async (req, res) => {
  const match = /^\/interaction\/([^/?]+)(\/login|\/abort)?/.exec(req.url ?? '');
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== decodeURIComponent(match[1])) return page(res, 400, '<p>That sign-in is over.</p>');
    if (req.method === 'GET' && !match[2]) return page(res, 200, loginForm(details.uid));
    if (req.method === 'POST' && match[2] === '/abort') {
      const result = { error: 'access_denied', error_description: 'The person cancelled.' };
      return await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    }
    if (req.method === 'POST' && match[2] === '/login') {
      const form = await formBody(req);
      const accountId = form.get('login') ?? '';
      if (!PEOPLE[accountId]) return page(res, 400, loginForm(details.uid, 'Choose someone from the list.'));
      const amr = form.get('mfa') ? ['pwd', 'otp', 'mfa'] : ['pwd'];
      const result = { login: { accountId, amr } };
      return await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    }
    return page(res, 405, '<p>Not here.</p>');
  } catch (err) {
    console.error(err);
    return page(res, 400, '<p>That sign-in is over or was never started.</p>');
  }
};

function stop() {
  server.closeAllConnections();
  server.close(() => process.exit(0));
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
log(`oidc provider listening on ${issuer}`);
