package pgtest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env is the server one test binary uses: set up once in TestMain by
// Setup, handed to each test by Schema.
type Env struct {
	dsn    string  // "" when there is no server
	why    string  // why there is none
	srv    *Server // nil when the server was started by someone else
	schema atomic.Int64

	lazy sync.Once // for an Env made by Lazy: finds or starts the server
	mu   sync.Mutex
}

// Required reports whether tests must fail, not skip, without a server.
func Required() bool {
	return os.Getenv("CI") != "" || os.Getenv("ARCHIVIO_POSTGRES_REQUIRED") != ""
}

// Setup finds or starts the server. Call Close when the tests end.
func Setup() *Env {
	if dsn := os.Getenv(EnvDSN); dsn != "" {
		return &Env{dsn: dsn}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := Start(ctx)
	if err != nil {
		return &Env{why: err.Error()}
	}
	return &Env{dsn: srv.DSN, srv: srv}
}

// Lazy is Setup on first use: for a package whose tests mostly need no
// server.
func Lazy() *Env {
	return &Env{}
}

// Close stops a server Setup (or Lazy) started.
func (e *Env) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.srv != nil {
		e.srv.Stop()
	}
}

// DSN returns the server's connection string, skipping (or failing, see
// Required) the test when there is no server.
func (e *Env) DSN(t testing.TB) string {
	t.Helper()
	e.lazy.Do(func() {
		if e.dsn != "" || e.why != "" {
			return // made by Setup
		}
		set := Setup()
		e.mu.Lock()
		e.dsn, e.why, e.srv = set.dsn, set.why, set.srv
		e.mu.Unlock()
	})
	if e.dsn == "" {
		if Required() {
			t.Fatalf("PostgreSQL is required here and none could be started: %s", e.why)
		}
		t.Skipf("no PostgreSQL server (%s); set %s to a connection string, or install the postgresql package", e.why, EnvDSN)
	}
	return e.dsn
}

// Schema makes a new, empty schema for the test, dropped at its end, and
// returns a connection string whose search path is that schema.
func (e *Env) Schema(t testing.TB) string {
	t.Helper()
	dsn := e.DSN(t)
	name := fmt.Sprintf("t_%d_%d", os.Getpid(), e.schema.Add(1))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("create schema %s: %v", name, err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
	})
	return withSearchPath(dsn, name)
}

// withSearchPath adds search_path to a connection string, in either of
// its forms (a URL or key=value pairs).
func withSearchPath(dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		return dsn + sep + "search_path=" + schema
	}
	return dsn + " search_path=" + schema
}
