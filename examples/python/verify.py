"""Verifies a Portcullis access token the way a Python resource server should (docs/integrations/python.md).

    PORTCULLIS_ISSUER=http://127.0.0.1:8080 API_AUDIENCE=http://127.0.0.1:8080 python3 verify.py "$ACCESS_TOKEN"

Prints the verified claims and exits 0, or prints why the token was refused and exits 1.
Needs joserfc (requirements.txt); fetching uses the standard library only.
"""

import json
import os
import sys
import threading
import time
import urllib.request

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

ISSUER = os.environ.get("PORTCULLIS_ISSUER", "http://127.0.0.1:8080")
# One of Portcullis' PORTCULLIS_TOKENS_AUDIENCE values; Portcullis' default is the issuer.
AUDIENCE = os.environ.get("API_AUDIENCE", ISSUER)


def _get_json(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


class PortcullisKeys:
    """The published keys, cached. A token naming an unknown kid (Portcullis has rotated) makes it
    fetch the JWKS again, at most once per `cooldown` seconds, so forged kids cannot flood Portcullis."""

    def __init__(self, jwks_uri, max_age=600, cooldown=30):
        self.jwks_uri = jwks_uri
        self.max_age = max_age
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._keys = None
        self._fetched_at = 0.0

    def _refresh(self):
        self._keys = KeySet.import_key_set(_get_json(self.jwks_uri))
        self._fetched_at = time.monotonic()

    def __call__(self, token):
        """joserfc calls this with the parsed (not yet verified) token to get the key set."""
        kid = token.headers().get("kid")
        with self._lock:
            age = time.monotonic() - self._fetched_at
            if self._keys is None or age > self.max_age:
                self._refresh()
            elif not any(key.kid == kid for key in self._keys) and age > self.cooldown:
                self._refresh()
            return self._keys


def discover(issuer):
    """The discovery document names the JWKS; its issuer must be exactly the one we trust."""
    metadata = _get_json(issuer + "/.well-known/openid-configuration")
    if metadata.get("issuer") != issuer:
        raise RuntimeError("discovery names issuer %r, not %r" % (metadata.get("issuer"), issuer))
    return metadata


METADATA = discover(ISSUER)
KEYS = PortcullisKeys(METADATA["jwks_uri"])
# Only what the published keys use; never HS* or none.
ALGORITHMS = METADATA["id_token_signing_alg_values_supported"]
CLAIMS = jwt.JWTClaimsRegistry(
    leeway=30,
    iss={"essential": True, "value": ISSUER},
    aud={"essential": True, "value": AUDIENCE},
    sub={"essential": True},
    exp={"essential": True},
    iat={"essential": True},
    jti={"essential": True},
    sid={"essential": True},
)


class InvalidToken(Exception):
    pass


def verify_access_token(token):
    """The claims of a valid Portcullis access token; raises InvalidToken for anything else."""
    try:
        decoded = jwt.decode(token, KEYS, algorithms=ALGORITHMS)
        # RFC 9068 section 4: an access token, not some other JWT of this issuer.
        typ = str(decoded.header.get("typ", "")).lower()
        if typ not in ("at+jwt", "application/at+jwt"):
            raise InvalidToken("typ %r is not at+jwt" % decoded.header.get("typ"))
        CLAIMS.validate(decoded.claims)
        return decoded.claims
    except (JoseError, ValueError) as e:
        raise InvalidToken("%s: %s" % (type(e).__name__, e)) from e


def has_scope(claims, scope):
    return scope in str(claims.get("scope", "")).split()


def has_role(claims, role):
    return role in (claims.get("roles") or [])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python3 verify.py <access token>", file=sys.stderr)
        sys.exit(2)
    try:
        claims = verify_access_token(sys.argv[1])
    except InvalidToken as e:
        print(json.dumps({"valid": False, "reason": str(e)}))
        sys.exit(1)
    print(json.dumps({"valid": True, "sub": claims["sub"], "roles": claims.get("roles"),
                      "scope": claims.get("scope"), "reports_read": has_scope(claims, "reports:read"),
                      "admin": has_role(claims, "admin")}))
