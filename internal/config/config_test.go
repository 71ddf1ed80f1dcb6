package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// TestLoadProblems documents what a wrong archivio.yaml gets told: every
// problem, at the line of its key.
func TestConfigLoadProblems(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{
			name: "unknown top-level key lists the known keys",
			yaml: "data: ./d\ncolour: blue\n",
			want: []string{`archivio.yaml:2: colour: unknown key; known keys: data, listen, allow_private, timezone, contact, catch_up, job_timeout, shutdown_wait, sources, links, drift, alerts, serve, store, postgres, warc_storage`},
		},
		{
			name: "the shared catalog and the bucket: engine, politeness, lease, a bucket without the shared catalog",
			yaml: "store: mysql\npostgres:\n  politeness: provider\n  lease_ttl: 0s\nwarc_storage:\n  bucket: archivio\n  endpoint: s3.example.org\n",
			want: []string{
				`archivio.yaml:1: store: "mysql": sqlite or postgres`,
				`archivio.yaml:3: postgres.politeness: "provider": host, domain or ip`,
				`archivio.yaml:4: postgres.lease_ttl: at least 1s, for example 2m`,
				`archivio.yaml:6: warc_storage.bucket: WARC files in a bucket need the shared catalog: store: postgres`,
				`archivio.yaml:7: warc_storage.endpoint: want an http:// or https:// URL, got "s3.example.org"`,
			},
		},
		{
			name: "retries of failed alert deliveries need a period",
			yaml: "alerts:\n  retry_every: 0s\n",
			want: []string{`archivio.yaml:2: alerts.retry_every: at least 1s, for example 15m`},
		},
		{
			name: "unknown nested key suggests the closest",
			yaml: "sources:\n  osservatorio:\n    shedule: \"0 3 * * 1\"\n",
			want: []string{`archivio.yaml:3: sources.osservatorio.shedule: unknown key; did you mean "schedule"?`},
		},
		{
			name: "bad cron spec gives the parser's reason",
			yaml: "links:\n  schedule: \"0 3 * *\"\n",
			want: []string{`archivio.yaml:2: links.schedule: bad cron spec "0 3 * *": expected 5 to 6 fields, found 4: [0 3 * *]`},
		},
		{
			name: "bad duration",
			yaml: "job_timeout: 6 hours\n",
			want: []string{`archivio.yaml:1: job_timeout: bad duration "6 hours": want a number with a unit, e.g. 1s, 20m, 6h`},
		},
		{
			name: "a bare number is not a duration",
			yaml: "links:\n  timeout: 20\n",
			want: []string{`archivio.yaml:2: links.timeout: bad duration 20: a number needs a unit, e.g. "20s" for seconds`},
		},
		{
			name: "missing base_url of an osservatorio source not named osservatorio",
			yaml: "sources:\n  mirror:\n    kind: osservatorio\n",
			want: []string{`archivio.yaml:2: sources.mirror.base_url: missing: an http:// or https:// URL`},
		},
		{
			name: "ftp url",
			yaml: "sources:\n  osservatorio:\n    base_url: ftp://www.osservatoriopartecipazione.it\n",
			want: []string{`archivio.yaml:3: sources.osservatorio.base_url: want an http:// or https:// URL, got "ftp://www.osservatoriopartecipazione.it"`},
		},
		{
			name: "bad timezone",
			yaml: "timezone: Europe/Modena\n",
			want: []string{`archivio.yaml:1: timezone: unknown time zone "Europe/Modena": want an IANA name such as Europe/Rome`},
		},
		{
			name: "zero parallel",
			yaml: "links:\n  parallel: 0\n",
			want: []string{`archivio.yaml:2: links.parallel: must be between 1 and 64, got 0`},
		},
		{
			name: "negative and out-of-range numbers",
			yaml: `job_timeout: -1h
shutdown_wait: -5s
sources:
  osservatorio:
    delay: -5s
    parallel: 1000
  fiorano:
    kind: site
    seeds: [https://www.comune.fiorano-modenese.mo.it/partecipa]
    max_depth: -2
    parallel: -1
links:
  timeout: -20s
  fail_threshold: -3
  fail_window: -24h
  recover_threshold: 0
  parallel: 100000
  snapshot_depth: -5
`,
			want: []string{
				`archivio.yaml:1: job_timeout: must be more than zero, got -1h0m0s`,
				`archivio.yaml:2: shutdown_wait: must not be negative`,
				`archivio.yaml:5: sources.osservatorio.delay: must not be negative`,
				`archivio.yaml:6: sources.osservatorio.parallel: must be between 1 and 32, got 1000`,
				`archivio.yaml:10: sources.fiorano.max_depth: must not be negative, got -2`,
				`archivio.yaml:11: sources.fiorano.parallel: must be between 1 and 32, got -1`,
				`archivio.yaml:13: links.timeout: must be at least 1ms, got -20s`,
				`archivio.yaml:14: links.fail_threshold: must be 1 or more, got -3`,
				`archivio.yaml:15: links.fail_window: must not be negative`,
				`archivio.yaml:16: links.recover_threshold: must be 1 or more, got 0`,
				`archivio.yaml:17: links.parallel: must be between 1 and 64, got 100000`,
				`archivio.yaml:18: links.snapshot_depth: must be -1 or more (-1: no snapshot), got -5`,
			},
		},
		{
			name: "site source without seeds is reported at the source",
			yaml: "sources:\n  sassuolo:\n    kind: site\n",
			want: []string{`archivio.yaml:2: sources.sassuolo.seeds: missing: a site source needs at least one seed URL`},
		},
		{
			name: "a secret in the file",
			yaml: "alerts:\n  webhook:\n    url: https://example.org/hook\n    secret: hunter2\n",
			want: []string{`archivio.yaml:4: alerts.webhook.secret: secrets do not belong in the file: put the secret in an environment variable and name that variable with secret_env`},
		},
		{
			name: "a password in the file",
			yaml: "alerts:\n  smtp:\n    host: smtp.example.org\n    from: a@example.org\n    to: [b@example.org]\n    password: hunter2\n",
			want: []string{`archivio.yaml:6: alerts.smtp.password: secrets do not belong in the file: put the secret in an environment variable and name that variable with password_env`},
		},
		{
			name: "bad secret_env name",
			yaml: "alerts:\n  webhook:\n    url: https://example.org/hook\n    secret_env: my-secret\n",
			want: []string{`archivio.yaml:4: alerts.webhook.secret_env: bad environment variable name "my-secret": want letters, digits and _, e.g. ARCHIVIO_SECRET`},
		},
		{
			name: "wrong types",
			yaml: "catch_up: yes please\nsources:\n  osservatorio:\n    parallel: two\n    seeds: https://x.it\n",
			want: []string{
				`archivio.yaml:1: catch_up: want true or false, got "yes please"`,
				`archivio.yaml:4: sources.osservatorio.parallel: want a whole number, got "two"`,
				`archivio.yaml:5: sources.osservatorio.seeds: want a list, e.g. [a, b]`,
			},
		},
		{
			name: "drift percentages out of range, and a field threshold that cannot hold",
			yaml: "drift:\n  unreadable_percent: 0\n  field_was_percent: 10\n  field_now_percent: 20\n  min_pages: 0\n",
			want: []string{
				`archivio.yaml:2: drift.unreadable_percent: want a percentage from 1 to 100, got 0`,
				`archivio.yaml:4: drift.field_now_percent: must be below field_was_percent (10), got 20`,
				`archivio.yaml:5: drift.min_pages: must be 1 or more, got 0`,
			},
		},
		{
			name: "duplicate key",
			yaml: "data: a\ndata: b\n",
			want: []string{`archivio.yaml:2: data: duplicate key (first at line 1)`},
		},
		{
			name: "yaml syntax error",
			yaml: "data: a\n  listen: b\n",
			want: []string{`archivio.yaml:2: mapping values are not allowed in this context`},
		},
		{
			name: "several problems at once, in line order",
			yaml: `timezone: Mars/Olympus
sources:
  osservatorio:
    shedule: "@weekly"
    delay: 1
    parallel: -1
  fiorano:
    kind: site
    seeds: [https://www.comune.fiorano-modenese.mo.it/partecipa]
    hosts: [www.comune.formigine.mo.it]
  carpi:
    kind: comune
links:
  schedule: "@every"
  fail_window: 0s
alerts:
  webhook:
    url: mailto:x@example.org
`,
			want: []string{
				`archivio.yaml:1: timezone: unknown time zone "Mars/Olympus": want an IANA name such as Europe/Rome`,
				`archivio.yaml:4: sources.osservatorio.shedule: unknown key; did you mean "schedule"?`,
				`archivio.yaml:5: sources.osservatorio.delay: bad duration 1: a number needs a unit, e.g. "1s" for seconds`,
				`archivio.yaml:6: sources.osservatorio.parallel: must be between 1 and 32, got -1`,
				`archivio.yaml:9: sources.fiorano.seeds: seed https://www.comune.fiorano-modenese.mo.it/partecipa is on www.comune.fiorano-modenese.mo.it, which is not in hosts`,
				`archivio.yaml:12: sources.carpi.kind: unknown kind "comune": want osservatorio or site`,
				`archivio.yaml:14: links.schedule: bad cron spec "@every": unrecognized descriptor: @every`,
				`archivio.yaml:18: alerts.webhook.url: want an http:// or https:// URL, got "mailto:x@example.org"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "archivio.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := Load(path)
			if err == nil {
				t.Fatalf("Load = %+v, want problems", c)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not *Error", err)
			}
			if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestConfigLoadDefaultsAndValues(t *testing.T) {
	c, err := Parse("archivio.yaml", []byte(`
contact: ops@example.org
sources:
  sassuolo:
    kind: site
    seeds: [https://www.comune.sassuolo.mo.it/partecipazione, https://WWW.comune.sassuolo.mo.it/x]
    schedule: "0 30 4 * * 1"
  tick:
    kind: osservatorio
    base_url: http://127.0.0.1:8080
    schedule: "@every 6h"
    delay: 0s
links:
  snapshot_depth: -1
alerts:
  atom: false
  smtp:
    host: smtp.example.org
    from: archivio@example.org
    to: [a@example.org]
`))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Sources["osservatorio"]; ok {
		t.Error("sources listed in the file replace the default ones; osservatorio is still there")
	}
	s := c.Sources["sassuolo"]
	if !reflect.DeepEqual(s.Hosts, []string{"www.comune.sassuolo.mo.it"}) || !reflect.DeepEqual(s.Prefixes, []string{"/"}) ||
		s.MaxDepth != DefaultSiteMaxDepth || s.Parallel != 2 || s.Delay.D() != time.Second || s.BaseURL != "" {
		t.Errorf("site defaults: %+v", s)
	}
	if tick := c.Sources["tick"]; tick.Delay != 0 || tick.Schedule != "@every 6h" {
		t.Errorf("tick: %+v", tick)
	}
	if *c.Links.SnapshotDepth != -1 || *c.Alerts.Atom || c.Alerts.SMTP.Port != DefaultSMTPPort || c.Contact != "ops@example.org" {
		t.Errorf("got %+v", c)
	}
	if c.Location().String() != "Europe/Rome" {
		t.Errorf("Location = %v", c.Location())
	}
}

func TestConfigEmptyFileIsDefault(t *testing.T) {
	c, err := Parse("archivio.yaml", []byte("# nothing yet\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, Default()) {
		t.Errorf("got %+v, want Default()", c)
	}
}

func TestConfigDefaultFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archivio.yaml")
	if err := os.WriteFile(path, DefaultFile(), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, Default()) {
		t.Errorf("Load(DefaultFile()) = %+v\nwant Default() = %+v", c, Default())
	}
	if err := Default().Validate(); err != nil {
		t.Errorf("Default().Validate() = %v", err)
	}
}

// TestDefaultFileSites checks that the commented-out municipal sources
// are valid once uncommented.
func TestConfigDefaultFileSites(t *testing.T) {
	var b strings.Builder
	inSites := false
	for line := range strings.Lines(string(DefaultFile())) {
		if strings.HasPrefix(line, "  # fiorano:") {
			inSites = true
		}
		if inSites && strings.HasPrefix(line, "  # ") {
			line = "  " + strings.TrimPrefix(line, "  # ")
		} else if inSites && strings.TrimSpace(line) == "" {
			inSites = false
		}
		b.WriteString(line)
	}
	c, err := Parse("archivio.yaml", []byte(b.String()))
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	want := []string{"fiorano", "formigine", "maranello", "osservatorio", "sassuolo"}
	if got := c.SourceNames(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sources %v, want %v", got, want)
	}
	for _, n := range want[:4] {
		if s := c.Sources[n]; n != "osservatorio" && (s.Kind != "site" || s.MaxDepth != 2 || s.Delay.D() != 2*time.Second || len(s.Seeds) == 0) {
			t.Errorf("%s: %+v", n, s)
		}
	}
}

func TestConfigValidateInCode(t *testing.T) {
	c := Default()
	c.Links.Parallel = 0
	src := c.Sources["osservatorio"]
	src.Schedule = "every monday"
	c.Sources["osservatorio"] = src
	err := c.Validate()
	want := "links.parallel: must be between 1 and 64, got 0"
	if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) ||
		!strings.Contains(err.Error(), `sources.osservatorio.schedule: bad cron spec "every monday"`) {
		t.Errorf("Validate = %v", err)
	}
	var ce *Error
	if errors.As(err, &ce) && ce.Problems[0].Line != 0 {
		t.Errorf("line %d, want 0", ce.Problems[0].Line)
	}
}

func TestConfigDurationUnmarshalYAML(t *testing.T) {
	var v struct {
		D Duration `yaml:"d"`
	}
	if err := yaml.Unmarshal([]byte("d: 6h"), &v); err != nil || v.D.D() != 6*time.Hour {
		t.Errorf("6h: %v %v", v.D, err)
	}
	err := yaml.Unmarshal([]byte("d: 6"), &v)
	if err == nil || !strings.Contains(err.Error(), `a number needs a unit, e.g. "6s"`) {
		t.Errorf("bare number: %v", err)
	}
}

func TestConfigPathFrom(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "ARCHIVIO_CONFIG" {
				return v
			}
			return ""
		}
	}
	for _, tt := range []struct {
		flag   string
		getenv func(string) string
		want   string
	}{
		{"/etc/a.yaml", env("/b.yaml"), "/etc/a.yaml"},
		{"", env("/b.yaml"), "/b.yaml"},
		{"", env(""), "./archivio.yaml"},
		{"", nil, "./archivio.yaml"},
	} {
		if got := PathFrom(tt.flag, tt.getenv); got != tt.want {
			t.Errorf("PathFrom(%q) = %q, want %q", tt.flag, got, tt.want)
		}
	}
}

func TestConfigLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "none.yaml"))
	if !errors.Is(err, os.ErrNotExist) || errors.Is(err, ErrInvalid) {
		t.Errorf("Load of a missing file = %v", err)
	}
}
