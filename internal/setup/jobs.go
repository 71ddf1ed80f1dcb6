package setup

import (
	"archivio/archive"
	"archivio/crawlers"
	"archivio/internal/config"
	"archivio/internal/jobs"
	"archivio/internal/wayback"
)

// Software names archivio at version in WARC files ("archivio/1.2.0").
func Software(version string) string { return "archivio/" + version }

// UserAgent names archivio, its version and the operator's contact.
func UserAgent(version, contact string) string {
	if contact == "" {
		return Software(version) + " (web archive of public participation records)"
	}
	return Software(version) + " (+" + contact + ")"
}

// Crawl is the crawl of the source named source as c describes it: its
// site (or seeds, hosts, prefixes and depth), delay and parallel
// requests, the contact in the User-Agent, whether private addresses may
// be reached, and the drift thresholds. The caller adds what belongs to
// one run (logger, transport, resume, limits). The source must exist.
func Crawl(c *config.Config, source, version string) jobs.Config {
	src := c.Sources[source]
	cfg := jobs.Config{
		DataDir: c.Data, Source: source, BaseURL: src.BaseURL, UserAgent: UserAgent(version, c.Contact),
		Parallel: src.Parallel, Delay: src.Delay.D(), AllowPrivate: c.AllowPrivate,
		Software: Software(version), Drift: Drift(c.Drift),
	}
	if src.Kind == "site" && len(src.Seeds) > 0 {
		cfg.BaseURL = src.Seeds[0]
		cfg.Site = &crawlers.Site{Seeds: src.Seeds, Hosts: src.Hosts, Prefixes: src.Prefixes, MaxDepth: src.MaxDepth}
	}
	return cfg
}

// LinkCheck is the run of link checks c describes: timeout, thresholds,
// parallel checks, snapshots of live record websites, the Wayback
// endpoint, the contact and whether private addresses may be reached.
func LinkCheck(c *config.Config, version string) jobs.LinksConfig {
	l := c.Links
	cfg := jobs.LinksConfig{
		DataDir: c.Data, UserAgent: UserAgent(version, c.Contact), Timeout: l.Timeout.D(),
		Thresholds: archive.Thresholds{FailThreshold: l.FailThreshold, FailWindow: l.FailWindow.D(), RecoverThreshold: l.RecoverThreshold},
		Parallel:   l.Parallel, HostDelay: l.HostDelay.D(), AllowPrivate: c.AllowPrivate, Software: Software(version),
	}
	if l.SnapshotDepth != nil {
		cfg.SnapshotDepth = *l.SnapshotDepth
		if cfg.SnapshotDepth == 0 {
			cfg.SnapshotDepth = -2 // only the page, which the check archives
		}
	}
	if l.Wayback != "" {
		cfg.Wayback = &wayback.Client{Endpoint: l.Wayback, UserAgent: cfg.UserAgent}
	}
	return cfg
}

// Drift is the drift thresholds of the configuration.
func Drift(d config.Drift) archive.DriftThresholds {
	return archive.DriftThresholds{
		UnreadableShare: float64(d.UnreadablePercent) / 100,
		FieldWasShare:   float64(d.FieldWasPercent) / 100,
		FieldNowShare:   float64(d.FieldNowPercent) / 100,
		MinPages:        d.MinPages,
	}
}
