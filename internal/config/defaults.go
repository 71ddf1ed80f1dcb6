package config

import (
	_ "embed"
	"time"
)

// Defaults of the settings, as Default fills them and DefaultFile
// documents them.
const (
	DefaultData           = "./archivio-data"
	DefaultListen         = "127.0.0.1:8089"
	DefaultServeListen    = "127.0.0.1:8090"
	DefaultTimezone       = "Europe/Rome"
	DefaultSourceSchedule = "0 3 * * 1" // Mondays at 03:00
	DefaultLinksSchedule  = "0 */6 * * *"
	DefaultSMTPPort       = 587
	DefaultSiteMaxDepth   = 2
	ObservatoryURL        = "https://www.osservatoriopartecipazione.it"
	DefaultStore          = "sqlite"
	DefaultPostgresDSNEnv = "ARCHIVIO_POSTGRES"
	DefaultPoliteness     = "host"
	DefaultS3Region       = "us-east-1"
	DefaultAlertRetry     = 15 * time.Minute
)

// Default returns the configuration used when the file says nothing:
// the observatory crawled weekly, links checked every six hours, alerts in
// the Atom feed only.
func Default() *Config {
	yes, no := true, false
	depth := 1
	return &Config{
		Data:         DefaultData,
		Listen:       DefaultListen,
		Timezone:     DefaultTimezone,
		CatchUp:      &yes,
		JobTimeout:   Duration(6 * time.Hour),
		ShutdownWait: Duration(20 * time.Second),
		Sources: map[string]Source{
			"osservatorio": defaultSource("osservatorio"),
		},
		Links: Links{
			Schedule:         DefaultLinksSchedule,
			Timeout:          Duration(20 * time.Second),
			FailThreshold:    3,
			FailWindow:       Duration(24 * time.Hour),
			RecoverThreshold: 2,
			Parallel:         8,
			SnapshotDepth:    &depth,
		},
		Drift:  Drift{UnreadablePercent: 5, FieldWasPercent: 50, FieldNowPercent: 10, MinPages: 3},
		Alerts: Alerts{Atom: &yes, RetryEvery: Duration(DefaultAlertRetry)},
		Serve:  Serve{Enabled: &no, Listen: DefaultServeListen},
		Store:  DefaultStore,
		Postgres: Postgres{DSNEnv: DefaultPostgresDSNEnv, LeaseTTL: Duration(2 * time.Minute),
			Politeness: DefaultPoliteness},
		WARCStorage: WARCStorage{Region: DefaultS3Region},
	}
}

// defaultSource is what a source named name starts from before the file's
// keys apply: the source named osservatorio is the observatory at its
// official address; other sources must say their kind.
func defaultSource(name string) Source {
	s := Source{
		Schedule: DefaultSourceSchedule,
		Delay:    Duration(time.Second),
		Parallel: 2,
	}
	if name == "osservatorio" {
		s.Kind = "osservatorio"
		s.BaseURL = ObservatoryURL
	}
	return s
}

//go:embed default.yaml
var defaultFile []byte

// DefaultFile returns a commented archivio.yaml holding the defaults,
// with the municipal sites of the district commented out, ready for
// "archivio config init".
func DefaultFile() []byte {
	return append([]byte(nil), defaultFile...)
}
