package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // schedules in Europe/Rome on a machine without a zoneinfo database

	"archivio/internal/schedule"
)

// Validate checks a Config built in code with the checks Load makes; the
// problems come back as an *Error (wrapping ErrInvalid) with line 0.
// Empty SnapshotDepth, CatchUp and Atom and a zero SMTP port mean the
// defaults.
func (c *Config) Validate() error {
	if ps := c.check(func(string) int { return 0 }); len(ps) > 0 {
		return &Error{Problems: ps}
	}
	return nil
}

// Location returns the time zone of the schedules, UTC when Timezone is
// not a known zone (Validate reports it).
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// SourceNames returns the names of the sources, sorted.
func (c *Config) SourceNames() []string {
	names := make([]string, 0, len(c.Sources))
	for n := range c.Sources {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checker collects problems, placing each at the line of its key.
type checker struct {
	lineOf   func(string) int
	problems []Problem
}

func (k *checker) add(key, format string, args ...any) {
	k.problems = append(k.problems, Problem{Line: k.lineOf(key), Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (c *Config) check(lineOf func(string) int) []Problem {
	k := &checker{lineOf: lineOf}
	if c.Data == "" {
		k.add("data", "missing: the data directory, e.g. %s", DefaultData)
	}
	k.listen("listen", c.Listen)
	if c.Timezone == "" {
		k.add("timezone", "missing: an IANA time zone, e.g. %s", DefaultTimezone)
	} else if _, err := time.LoadLocation(c.Timezone); err != nil {
		k.add("timezone", "unknown time zone %q: want an IANA name such as Europe/Rome", c.Timezone)
	}
	k.positive("job_timeout", c.JobTimeout)
	if c.ShutdownWait < 0 {
		k.add("shutdown_wait", "must not be negative")
	}
	if len(c.Sources) == 0 {
		k.add("sources", "no sources: name at least one, e.g. osservatorio")
	}
	for _, name := range c.SourceNames() {
		k.source("sources."+name, name, c.Sources[name])
	}
	l := c.Links
	k.schedule("links.schedule", l.Schedule)
	k.rule("links.timeout", l.Timeout)
	k.rule("links.fail_threshold", l.FailThreshold)
	k.rule("links.fail_window", l.FailWindow)
	k.rule("links.recover_threshold", l.RecoverThreshold)
	k.rule("links.parallel", l.Parallel)
	k.rule("links.host_delay", l.HostDelay)
	if l.SnapshotDepth != nil {
		k.rule("links.snapshot_depth", *l.SnapshotDepth)
	}
	if l.Wayback != "" {
		k.url("links.wayback", l.Wayback)
	}
	dr := c.Drift
	k.percent("drift.unreadable_percent", dr.UnreadablePercent)
	k.percent("drift.field_was_percent", dr.FieldWasPercent)
	k.percent("drift.field_now_percent", dr.FieldNowPercent)
	if dr.FieldNowPercent >= dr.FieldWasPercent {
		k.add("drift.field_now_percent", "must be below field_was_percent (%d), got %d", dr.FieldWasPercent, dr.FieldNowPercent)
	}
	k.count("drift.min_pages", dr.MinPages)
	w := c.Alerts.Webhook
	if w.URL != "" {
		k.url("alerts.webhook.url", w.URL)
	}
	k.envName("alerts.webhook.secret_env", w.SecretEnv)
	if w.URL == "" && w.SecretEnv != "" {
		k.add("alerts.webhook.url", "missing: secret_env is set but no url to post to")
	}
	if c.Alerts.AtomURL != "" {
		k.url("alerts.atom_url", c.Alerts.AtomURL)
	}
	k.smtp("alerts.smtp", c.Alerts.SMTP)
	if c.Alerts.RetryEvery < Duration(time.Second) {
		k.add("alerts.retry_every", "at least 1s, for example 15m")
	}
	k.listen("serve.listen", c.Serve.Listen)
	k.envName("serve.token_env", c.Serve.TokenEnv)
	k.storage(c)
	return k.problems
}

var sourceNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

func (k *checker) source(key, name string, s Source) {
	if !sourceNameRE.MatchString(name) {
		k.add(key, "bad source name %q: use lower-case letters, digits, - and _", name)
	}
	k.schedule(key+".schedule", s.Schedule)
	k.rule(key+".delay", s.Delay)
	k.rule(key+".parallel", s.Parallel)
	switch s.Kind {
	case "osservatorio":
		k.url(key+".base_url", s.BaseURL)
		for _, f := range []struct {
			name string
			set  bool
		}{{"seeds", len(s.Seeds) > 0}, {"hosts", len(s.Hosts) > 0}, {"prefixes", len(s.Prefixes) > 0}, {"max_depth", s.MaxDepth != 0}} {
			if f.set {
				k.add(key+"."+f.name, "only site sources have %s", f.name)
			}
		}
	case "site":
		if s.BaseURL != "" {
			k.add(key+".base_url", "site sources start from seeds, not base_url")
		}
		if len(s.Seeds) == 0 {
			k.add(key+".seeds", "missing: a site source needs at least one seed URL")
		}
		hosts := map[string]bool{}
		for _, h := range s.Hosts {
			if h == "" || strings.ContainsAny(h, "/: ") {
				k.add(key+".hosts", "bad host %q: want a host name such as www.comune.sassuolo.mo.it", h)
			}
			hosts[strings.ToLower(h)] = true
		}
		for _, seed := range s.Seeds {
			if !k.url(key+".seeds", seed) {
				continue
			}
			if u, _ := url.Parse(seed); len(s.Hosts) > 0 && !hosts[strings.ToLower(u.Hostname())] {
				k.add(key+".seeds", "seed %s is on %s, which is not in hosts", seed, u.Hostname())
			}
		}
		for _, p := range s.Prefixes {
			if !strings.HasPrefix(p, "/") {
				k.add(key+".prefixes", "bad prefix %q: want a path starting with /", p)
			}
		}
		if s.MaxDepth < 0 {
			k.add(key+".max_depth", "must not be negative, got %d", s.MaxDepth)
		}
	case "":
		k.add(key+".kind", "missing: osservatorio or site")
	default:
		k.add(key+".kind", "unknown kind %q: want osservatorio or site", s.Kind)
	}
}

func (k *checker) smtp(key string, s SMTP) {
	if s.Host == "" {
		if s.From != "" || len(s.To) > 0 || s.Username != "" || s.PasswordEnv != "" {
			k.add(key+".host", "missing: the mail server, e.g. smtp.example.org")
		}
		return
	}
	if s.Port < 0 || s.Port > 65535 {
		k.add(key+".port", "bad port %d", s.Port)
	}
	if !strings.Contains(s.From, "@") {
		k.add(key+".from", "want an e-mail address, got %q", s.From)
	}
	if len(s.To) == 0 {
		k.add(key+".to", "missing: at least one e-mail address")
	}
	for _, to := range s.To {
		if !strings.Contains(to, "@") {
			k.add(key+".to", "want an e-mail address, got %q", to)
		}
	}
	k.envName(key+".password_env", s.PasswordEnv)
}

func (k *checker) schedule(key, spec string) {
	if spec == "" {
		k.add(key, "missing: a cron spec such as \"0 3 * * 1\" or @daily")
		return
	}
	if _, err := schedule.Parse(spec); err != nil {
		k.add(key, "bad cron spec %q: %v", spec, err)
	}
}

func (k *checker) positive(key string, d Duration) {
	if d <= 0 {
		k.add(key, "must be more than zero, got %s", d)
	}
}

func (k *checker) percent(key string, n int) {
	if n < 1 || n > 100 {
		k.add(key, "want a percentage from 1 to 100, got %d", n)
	}
}

func (k *checker) count(key string, n int) {
	if n <= 0 {
		k.add(key, "must be 1 or more, got %d", n)
	}
}

// rule applies the rule of key (see rules.go) to v.
func (k *checker) rule(key string, v any) {
	if err := CheckValue(key, v); err != nil {
		k.add(key, "%v", err)
	}
}

// url checks an http(s) URL with a host.
func (k *checker) url(key, s string) bool {
	if s == "" {
		k.add(key, "missing: an http:// or https:// URL")
		return false
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		k.add(key, "bad URL %q: %v", s, err)
	case u.Scheme != "http" && u.Scheme != "https":
		k.add(key, "want an http:// or https:// URL, got %q", s)
	case u.Host == "":
		k.add(key, "URL %q has no host", s)
	default:
		return true
	}
	return false
}

var envNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// envName checks the name of an environment variable ("" is allowed).
func (k *checker) envName(key, name string) {
	if name != "" && !envNameRE.MatchString(name) {
		k.add(key, "bad environment variable name %q: want letters, digits and _, e.g. ARCHIVIO_SECRET", name)
	}
}

func (k *checker) listen(key, addr string) {
	if addr == "" {
		k.add(key, "missing: a host:port address, e.g. %s", DefaultListen)
		return
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		k.add(key, "bad address %q: want host:port, e.g. %s", addr, DefaultListen)
		return
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		k.add(key, "bad port %q in %q", port, addr)
	}
}

// seedHosts returns the hosts of the seeds, each once.
func seedHosts(seeds []string) []string {
	var hosts []string
	seen := map[string]bool{}
	for _, s := range seeds {
		u, err := url.Parse(s)
		if err != nil || u.Hostname() == "" {
			continue
		}
		h := strings.ToLower(u.Hostname())
		if !seen[h] {
			seen[h] = true
			hosts = append(hosts, h)
		}
	}
	return hosts
}

// storage checks the catalog's engine and where WARC files go.
func (k *checker) storage(c *Config) {
	switch c.Store {
	case "sqlite", "postgres":
	default:
		k.add("store", "%q: sqlite or postgres", c.Store)
	}
	k.envName("postgres.dsn_env", c.Postgres.DSNEnv)
	if c.Postgres.LeaseTTL < Duration(time.Second) {
		k.add("postgres.lease_ttl", "at least 1s, for example 2m")
	}
	switch c.Postgres.Politeness {
	case "host", "domain", "ip":
	default:
		k.add("postgres.politeness", "%q: host, domain or ip", c.Postgres.Politeness)
	}
	if strings.ContainsAny(c.Postgres.Node, "/\\ \t\r\n") {
		k.add("postgres.node", "%q: a name without separators or white space", c.Postgres.Node)
	}
	w := c.WARCStorage
	if w.Bucket != "" && w.Dir != "" {
		k.add("warc_storage.bucket", "a bucket or a dir, not both")
	}
	if w.Bucket == "" && (w.Endpoint != "" || w.Prefix != "" || w.PathStyle) {
		k.add("warc_storage.bucket", "missing: the bucket the endpoint, prefix or path_style are for")
	}
	if w.Endpoint != "" {
		k.url("warc_storage.endpoint", w.Endpoint)
	}
	if w.Bucket != "" && c.Store != "postgres" {
		k.add("warc_storage.bucket", "WARC files in a bucket need the shared catalog: store: postgres")
	}
}
