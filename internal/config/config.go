package config

import "time"

// Config is archivio.yaml.
type Config struct {
	Data         string            `yaml:"data"`          // data directory, default ./archivio-data
	Listen       string            `yaml:"listen"`        // daemon HTTP address, default 127.0.0.1:8089
	AllowPrivate bool              `yaml:"allow_private"` // allow loopback and private addresses
	Timezone     string            `yaml:"timezone"`      // for schedules, default Europe/Rome
	Contact      string            `yaml:"contact"`       // put in the User-Agent
	CatchUp      *bool             `yaml:"catch_up"`      // run a job missed while the daemon was down once at start, default true
	JobTimeout   Duration          `yaml:"job_timeout"`   // default 6h
	ShutdownWait Duration          `yaml:"shutdown_wait"` // in-flight jobs on SIGTERM, default 20s
	Sources      map[string]Source `yaml:"sources"`
	Links        Links             `yaml:"links"`
	Drift        Drift             `yaml:"drift"`
	Alerts       Alerts            `yaml:"alerts"`
	Serve        Serve             `yaml:"serve"`
	// Store is the catalog's engine: sqlite (DATA/archivio.db, the
	// default) or postgres, shared by several crawler nodes.
	Store       string      `yaml:"store"`
	Postgres    Postgres    `yaml:"postgres"`
	WARCStorage WARCStorage `yaml:"warc_storage"`
}

// Postgres configures the shared catalog (store: postgres). The
// connection string comes from the environment variable dsn_env names
// (default ARCHIVIO_POSTGRES), never from the file.
type Postgres struct {
	DSNEnv     string   `yaml:"dsn_env"`    // the variable holding the connection string
	Node       string   `yaml:"node"`       // this machine's name among the nodes, default its host name
	LeaseTTL   Duration `yaml:"lease_ttl"`  // a claimed URL stays this node's without a heartbeat, default 2m
	Politeness string   `yaml:"politeness"` // one pace per host (default), domain or ip
}

// WARCStorage says where closed WARC files are kept: a local folder (dir,
// default DATA/warc) or an S3-compatible bucket under a prefix, with the
// credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
type WARCStorage struct {
	Dir       string `yaml:"dir"`
	Bucket    string `yaml:"bucket"`
	Prefix    string `yaml:"prefix"`
	Endpoint  string `yaml:"endpoint"`   // the server's URL; empty for AWS
	Region    string `yaml:"region"`     // default us-east-1
	PathStyle bool   `yaml:"path_style"` // bucket in the path (most self-hosted servers)
}

// Serve configures the web interface: "archivio serve", and "archivio
// run" when the file has a serve: key (enabled is then true unless it
// says false). An address that is not loopback needs a token, read from
// the environment variable token_env names (default
// ARCHIVIO_SERVE_TOKEN).
type Serve struct {
	Enabled  *bool  `yaml:"enabled"`   // serve the interface from the daemon; default false, true when listen or token_env is set
	Listen   string `yaml:"listen"`    // default 127.0.0.1:8090; the daemon's listen address shares its listener
	TokenEnv string `yaml:"token_env"` // the variable holding the token
}

// Source is one crawlable source: the observatory (kind "osservatorio",
// the default for the source named osservatorio) or a municipal site
// (kind "site").
type Source struct {
	Kind     string   `yaml:"kind"`     // osservatorio or site
	BaseURL  string   `yaml:"base_url"` // osservatorio: the site
	Schedule string   `yaml:"schedule"` // cron, 5 fields (seconds optional as a 6th leading field) or @every 6h
	Delay    Duration `yaml:"delay"`    // default 1s
	Parallel int      `yaml:"parallel"` // default 2
	// site sources
	Seeds    []string `yaml:"seeds"`
	Hosts    []string `yaml:"hosts"`    // allowed hosts, default the seeds' hosts
	Prefixes []string `yaml:"prefixes"` // path prefixes to follow, default "/"
	MaxDepth int      `yaml:"max_depth"`
}

// Links configures the link checks.
type Links struct {
	Schedule         string   `yaml:"schedule"`          // default "0 */6 * * *"
	Timeout          Duration `yaml:"timeout"`           // default 20s
	FailThreshold    int      `yaml:"fail_threshold"`    // default 3
	FailWindow       Duration `yaml:"fail_window"`       // default 24h
	RecoverThreshold int      `yaml:"recover_threshold"` // default 2
	Parallel         int      `yaml:"parallel"`          // default 8
	HostDelay        Duration `yaml:"host_delay"`        // between two checks on one host over all nodes (store: postgres), default 0
	SnapshotDepth    *int     `yaml:"snapshot_depth"`    // default 1, -1 for none
	Wayback          string   `yaml:"wayback"`           // availability endpoint, off when empty
}

// Drift decides when a crawl's record pages no longer read as in the
// source's last healthy crawl, which raises a drift alert: at least
// UnreadablePercent of the record pages unreadable; a field found on at
// least FieldWasPercent of the records then and at most FieldNowPercent
// now; a new unknown label on at least MinPages pages. Each finding needs
// MinPages pages, and a crawl needs MinPages record pages to be judged.
type Drift struct {
	UnreadablePercent int `yaml:"unreadable_percent"` // default 5
	FieldWasPercent   int `yaml:"field_was_percent"`  // default 50
	FieldNowPercent   int `yaml:"field_now_percent"`  // default 10
	MinPages          int `yaml:"min_pages"`          // default 3
}

// Alerts configures the alert sinks. Secrets are read from the
// environment variables the file names.
type Alerts struct {
	Webhook Webhook `yaml:"webhook"`
	Atom    *bool   `yaml:"atom"` // DATA/alerts.atom, default true
	// AtomURL is the public URL where DATA/alerts.atom is published, its
	// rel="self" link; none by default.
	AtomURL string `yaml:"atom_url"`
	SMTP    SMTP   `yaml:"smtp"`
	// RetryEvery is how often the daemon sends again the alerts whose
	// delivery failed (and those a killed run left undelivered), each
	// time counting an attempt; default 15m.
	RetryEvery Duration `yaml:"retry_every"`
}

// Webhook is a JSON POST sink.
type Webhook struct {
	URL       string `yaml:"url"`
	SecretEnv string `yaml:"secret_env"` // the variable holding the HMAC secret, e.g. ARCHIVIO_WEBHOOK_SECRET
}

// SMTP is the e-mail sink.
type SMTP struct {
	Host        string   `yaml:"host"`
	Port        int      `yaml:"port"` // default 587
	From        string   `yaml:"from"`
	To          []string `yaml:"to"`
	Username    string   `yaml:"username"`
	PasswordEnv string   `yaml:"password_env"` // the variable holding the password
}

// Duration is a time.Duration written as "1s", "6h", "24h" in the file.
type Duration time.Duration
