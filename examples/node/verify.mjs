// Verifies a Portcullis access token the way a Node resource server should (docs/integrations/node.md).
//
//   PORTCULLIS_ISSUER=http://127.0.0.1:8080 API_AUDIENCE=http://127.0.0.1:8080 node verify.mjs "$ACCESS_TOKEN"
//
// Prints the verified claims and exits 0, or prints why the token was refused and exits 1.
import { pathToFileURL } from 'node:url';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const issuer = process.env.PORTCULLIS_ISSUER ?? 'http://127.0.0.1:8080';
// One of Portcullis' PORTCULLIS_TOKENS_AUDIENCE values; Portcullis' default is the issuer.
const audience = process.env.API_AUDIENCE ?? issuer;

// The discovery document names the JWKS; its issuer must be exactly the one we trust.
async function discover(issuer) {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery failed: HTTP ${response.status}`);
  const metadata = await response.json();
  if (metadata.issuer !== issuer) throw new Error(`discovery names issuer ${metadata.issuer}, not ${issuer}`);
  return metadata;
}

const metadata = await discover(issuer);
// Created once per process: it caches the key set, and fetches it again when a token names a kid it
// does not know (a rotation), at most once per cooldownDuration.
const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });

/** The claims of a valid Portcullis access token; throws a jose error for anything else. */
export async function verifyAccessToken(token) {
  const { payload } = await jwtVerify(token, jwks, {
    issuer,
    audience,
    typ: 'at+jwt', // RFC 9068: an access token, not some other JWT of this issuer
    algorithms: metadata.id_token_signing_alg_values_supported, // only what the published keys use
    clockTolerance: 30,
    requiredClaims: ['sub', 'exp', 'iat', 'jti', 'sid'],
  });
  return payload;
}

/** Scopes (space-separated claim) and roles (array claim) as a route would check them. */
export function hasScope(claims, scope) {
  return typeof claims.scope === 'string' && claims.scope.split(' ').includes(scope);
}

export function hasRole(claims, role) {
  return Array.isArray(claims.roles) && claims.roles.includes(role);
}

// Run as a script (not imported): verify the token given on the command line.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const token = process.argv[2];
  if (!token) {
    console.error('usage: node verify.mjs <access token>');
    process.exit(2);
  }
  try {
    const claims = await verifyAccessToken(token);
    console.log(JSON.stringify({ valid: true, sub: claims.sub, roles: claims.roles, scope: claims.scope ?? null,
      reports_read: hasScope(claims, 'reports:read'), admin: hasRole(claims, 'admin') }));
  } catch (e) {
    console.log(JSON.stringify({ valid: false, code: e.code, reason: e.message }));
    process.exit(1);
  }
}
