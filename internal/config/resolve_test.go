package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// TestResolveLayers checks the order of the layers (defaults, file,
// environment, flags) and that each setting knows where it came from.
func TestResolveLayers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archivio.yaml")
	os.WriteFile(path, []byte(`data: /srv/file-data
contact: file@example.org
sources:
  osservatorio:
    delay: 5s
    parallel: 1
  fiorano:
    kind: site
    seeds: [https://www.comune.fiorano-modenese.mo.it/partecipa]
links:
  parallel: 4
alerts:
  webhook:
    url: https://hooks.example.org/file
    secret_env: HOOK_SECRET
`), 0o644)
	env := envOf(map[string]string{
		"ARCHIVIO_CONFIG":         path,
		"ARCHIVIO_DATA":           "/srv/env-data",
		"ARCHIVIO_CONTACT":        "env@example.org",
		"ARCHIVIO_SMTP_HOST":      "smtp.example.org",
		"ARCHIVIO_SMTP_FROM":      "a@example.org",
		"ARCHIVIO_SMTP_TO":        "b@example.org, c@example.org",
		"HOOK_SECRET":             "s3cret",
		"ARCHIVIO_WEBHOOK_SECRET": "not this one",
	})
	s, err := Resolve(Input{Getenv: env, Source: "osservatorio", Flags: []Flag{
		{Name: "--data", Key: "data", Value: "/srv/flag-data"},
		{Name: "--delay", Key: "sources.osservatorio.delay", Value: 2 * time.Second},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		key    string
		got    any
		want   any
		origin string
	}{
		{"data", s.Data, "/srv/flag-data", "--data"},
		{"contact", s.Contact, "env@example.org", "$ARCHIVIO_CONTACT"},
		{"sources.osservatorio.delay", s.Sources["osservatorio"].Delay.D(), 2 * time.Second, "--delay"},
		{"sources.osservatorio.parallel", s.Sources["osservatorio"].Parallel, 1, path + ":6"},
		{"sources.osservatorio.schedule", s.Sources["osservatorio"].Schedule, DefaultSourceSchedule, "default"},
		{"sources.fiorano.hosts", s.Sources["fiorano"].Hosts, []string{"www.comune.fiorano-modenese.mo.it"}, "default"},
		{"links.parallel", s.Links.Parallel, 4, path + ":11"},
		{"links.timeout", s.Links.Timeout.D(), 20 * time.Second, "default"},
		{"alerts.smtp.to", s.Alerts.SMTP.To, []string{"b@example.org", "c@example.org"}, "$ARCHIVIO_SMTP_TO"},
		{"alerts.smtp.port", s.Alerts.SMTP.Port, DefaultSMTPPort, "default"},
		{"alerts.webhook.url", s.Alerts.Webhook.URL, "https://hooks.example.org/file", path + ":14"},
	} {
		if !reflect.DeepEqual(c.got, c.want) || s.Origin(c.key).String() != c.origin {
			t.Errorf("%s = %v from %s, want %v from %s", c.key, c.got, s.Origin(c.key), c.want, c.origin)
		}
	}
	if s.WebhookSecret != (Secret{Env: "HOOK_SECRET", Value: "s3cret"}) || s.SMTPPassword.Env != "ARCHIVIO_SMTP_PASSWORD" || s.SMTPPassword.Value != "" {
		t.Errorf("secrets %+v %+v", s.WebhookSecret, s.SMTPPassword)
	}
	if s.Path != path {
		t.Errorf("Path = %q", s.Path)
	}
}

// TestResolveProblems checks that values from the environment and flags
// are checked by the file's rules, and that each problem names where its
// value came from.
func TestResolveProblems(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "archivio.yaml")
	os.WriteFile(path, []byte("links:\n  parallel: 0\n"), 0o644)
	_, err := Resolve(Input{Path: path, Getenv: envOf(map[string]string{"ARCHIVIO_SMTP_PORT": "smtp", "ARCHIVIO_WEBHOOK_URL": "ftp://x"}),
		Flags: []Flag{{Name: "--fail-window", Key: "links.fail_window", Value: -time.Hour}}})
	want := []string{
		`$ARCHIVIO_SMTP_PORT: alerts.smtp.port: want a whole number, got "smtp"`,
		`--fail-window: links.fail_window: must not be negative`,
		`$ARCHIVIO_WEBHOOK_URL: alerts.webhook.url: want an http:// or https:// URL, got "ftp://x"`,
		`archivio.yaml:2: links.parallel: must be between 1 and 64, got 0`,
	}
	var ce *Error
	if !errors.As(err, &ce) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("Resolve = %v, want an *Error", err)
	}
	if got := ce.Lines(); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A zero failing window is no minimum span, from the file as from a flag.
	os.WriteFile(path, []byte("links:\n  fail_window: 0s\n"), 0o644)
	if _, err := Resolve(Input{Path: path, Flags: []Flag{{Name: "--fail-window", Key: "links.fail_window", Value: time.Duration(0)}}}); err != nil {
		t.Errorf("fail_window 0: %v", err)
	}
}

func TestResolveFiles(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.yaml")
	// An explicit --config must exist.
	if _, err := Resolve(Input{Path: missing}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing --config: %v", err)
	}
	// $ARCHIVIO_CONFIG and ./archivio.yaml are read when present.
	s, err := Resolve(Input{Getenv: envOf(map[string]string{"ARCHIVIO_CONFIG": missing})})
	if err != nil || s.Path != "" || !reflect.DeepEqual(s.Config, *Default()) {
		t.Errorf("absent $ARCHIVIO_CONFIG: %v %+v", err, s)
	}
	// An unknown source is its own error, listing the known ones.
	var unknown *UnknownSourceError
	_, err = Resolve(Input{Getenv: envOf(nil), Source: "carpi"})
	if !errors.As(err, &unknown) || err.Error() != `unknown source "carpi" (known: osservatorio)` {
		t.Errorf("unknown source: %v", err)
	}
}

// TestCheckValueIsTheFileRule checks that the rule flags apply is the one
// the file's check applies, value by value.
func TestCheckValueIsTheFileRule(t *testing.T) {
	for _, c := range []struct {
		key  string
		vals []any
	}{
		{"sources.osservatorio.parallel", []any{-1, 0, 1, 32, 33}},
		{"sources.osservatorio.delay", []any{-time.Second, time.Duration(0), time.Second}},
		{"links.timeout", []any{time.Duration(0), time.Microsecond, time.Millisecond, time.Hour}},
		{"links.fail_threshold", []any{0, 1, 9}},
		{"links.fail_window", []any{-time.Second, time.Duration(0), time.Hour}},
		{"links.recover_threshold", []any{0, 1}},
		{"links.parallel", []any{0, 1, 64, 65}},
		{"links.snapshot_depth", []any{-2, -1, 0, 3}},
	} {
		for _, v := range c.vals {
			flagErr := CheckValue(c.key, v)
			_, fileErr := Resolve(Input{Flags: []Flag{{Name: "--x", Key: c.key, Value: v}}})
			if (flagErr == nil) != (fileErr == nil) {
				t.Errorf("%s = %v: rule says %v, the check says %v", c.key, v, flagErr, fileErr)
			}
		}
	}
}

// TestNodeName: a node's name comes from the file, $ARCHIVIO_NODE over
// it, and a flag over both, like every setting.
func TestNodeName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archivio.yaml")
	os.WriteFile(path, []byte("store: postgres\npostgres:\n  node: from-file\n"), 0o644)
	for _, c := range []struct {
		env    map[string]string
		flags  []Flag
		want   string
		origin string
	}{
		{nil, nil, "from-file", path + ":3"},
		{map[string]string{"ARCHIVIO_NODE": "from-env"}, nil, "from-env", "$ARCHIVIO_NODE"},
		{map[string]string{"ARCHIVIO_NODE": "from-env"}, []Flag{{Name: "--node", Key: "postgres.node", Value: "from-flag"}}, "from-flag", "--node"},
	} {
		s, err := Resolve(Input{Path: path, Getenv: envOf(c.env), Flags: c.flags})
		if err != nil {
			t.Fatal(err)
		}
		if s.Postgres.Node != c.want || s.Origin("postgres.node").String() != c.origin {
			t.Errorf("node = %q from %s, want %q from %s", s.Postgres.Node, s.Origin("postgres.node"), c.want, c.origin)
		}
	}
	if _, err := Resolve(Input{Path: path, Getenv: envOf(map[string]string{"ARCHIVIO_NODE": "two words"})}); err == nil ||
		!strings.Contains(err.Error(), "ARCHIVIO_NODE") {
		t.Errorf("a node name with a space from the environment: %v, want an error naming the variable", err)
	}
}
