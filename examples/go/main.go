// Verifies a Portcullis access token the way a Go resource server should (docs/integrations/go.md).
//
//	go mod tidy   # resolves keyfunc's own dependencies and writes go.sum
//	PORTCULLIS_ISSUER=http://127.0.0.1:8080 API_AUDIENCE=http://127.0.0.1:8080 go run . "$ACCESS_TOKEN"
//
// Prints the verified claims and exits 0, or prints why the token was refused and exits 1.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
)

// Claims are the Portcullis access-token claims a route looks at (RFC 9068 plus roles).
type Claims struct {
	jwt.RegisteredClaims
	SessionID string   `json:"sid"`
	ClientID  string   `json:"client_id"`
	Roles     []string `json:"roles"`
	Scope     string   `json:"scope"`
}

func (c Claims) HasScope(scope string) bool { return slices.Contains(strings.Fields(c.Scope), scope) }
func (c Claims) HasRole(role string) bool   { return slices.Contains(c.Roles, role) }

type metadata struct {
	Issuer     string   `json:"issuer"`
	JwksURI    string   `json:"jwks_uri"`
	Algorithms []string `json:"id_token_signing_alg_values_supported"`
}

// discover reads the discovery document; its issuer must be exactly the one we trust.
func discover(issuer string) (metadata, error) {
	var m metadata
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(issuer + "/.well-known/openid-configuration")
	if err != nil {
		return m, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return m, fmt.Errorf("discovery failed: HTTP %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		return m, err
	}
	if m.Issuer != issuer {
		return m, fmt.Errorf("discovery names issuer %q, not %q", m.Issuer, issuer)
	}
	return m, nil
}

// Verifier is created once per process: keyfunc keeps the key set, refreshes it in the background
// and fetches it again, rate-limited, when a token names a kid it does not know (a rotation).
type Verifier struct {
	keys     keyfunc.Keyfunc
	parser   *jwt.Parser
	issuer   string
	audience string
}

func NewVerifier(ctx context.Context, issuer, audience string) (*Verifier, error) {
	m, err := discover(issuer)
	if err != nil {
		return nil, err
	}
	// ctx ends keyfunc's refresh goroutine: give it the process' lifetime, not a request's.
	keys, err := keyfunc.NewDefaultCtx(ctx, []string{m.JwksURI})
	if err != nil {
		return nil, err
	}
	parser := jwt.NewParser(
		jwt.WithValidMethods(m.Algorithms), // only what the published keys use; never HS* or none
		jwt.WithIssuer(issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(30*time.Second),
	)
	return &Verifier{keys: keys, parser: parser, issuer: issuer, audience: audience}, nil
}

// Verify returns the claims of a valid Portcullis access token. ctx bounds a key-set fetch that an
// unknown kid may trigger: pass the request's context.
func (v *Verifier) Verify(ctx context.Context, token string) (*Claims, error) {
	claims := &Claims{}
	parsed, err := v.parser.ParseWithClaims(token, claims, v.keys.KeyfuncCtx(ctx))
	if err != nil {
		return nil, err
	}
	// RFC 9068 section 4: an access token, not some other JWT of this issuer. golang-jwt does not
	// look at typ, so the check is ours.
	typ, _ := parsed.Header["typ"].(string)
	if t := strings.ToLower(typ); t != "at+jwt" && t != "application/at+jwt" {
		return nil, fmt.Errorf("typ %q is not at+jwt", typ)
	}
	if claims.Subject == "" || claims.ID == "" || claims.SessionID == "" {
		return nil, errors.New("sub, jti or sid missing")
	}
	return claims, nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run . <access token>")
		os.Exit(2)
	}
	issuer := getenv("PORTCULLIS_ISSUER", "http://127.0.0.1:8080")
	// One of Portcullis' PORTCULLIS_TOKENS_AUDIENCE values; Portcullis' default is the issuer.
	audience := getenv("API_AUDIENCE", issuer)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	verifier, err := NewVerifier(ctx, issuer, audience)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	claims, err := verifier.Verify(ctx, os.Args[1])
	if err != nil {
		out, _ := json.Marshal(map[string]any{"valid": false, "reason": err.Error()})
		fmt.Println(string(out))
		os.Exit(1)
	}
	out, _ := json.Marshal(map[string]any{"valid": true, "sub": claims.Subject, "roles": claims.Roles,
		"scope": claims.Scope, "reports_read": claims.HasScope("reports:read"), "admin": claims.HasRole("admin")})
	fmt.Println(string(out))
}

func getenv(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}
