package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Input is what Resolve reads besides the defaults.
type Input struct {
	// Path is the --config flag's value, "" when not given: then
	// $ARCHIVIO_CONFIG, else ./archivio.yaml, each read when present.
	Path string
	// Getenv reads the environment; nil reads nothing.
	Getenv func(string) string
	// Flags are the command-line flags given, each bound to a key.
	Flags []Flag
	// Source, when set, is the source the command works on: it must be
	// one of the settings' sources.
	Source string
}

// Flag is a command-line flag bound to a setting.
type Flag struct {
	Name  string // as typed, e.g. "--delay"
	Key   string // the setting, e.g. "sources.osservatorio.delay"
	Value any    // of the setting's type (time.Duration for a duration), or a string
}

// Secret is a secret read from the environment: the variable and its
// value ("" when unset).
type Secret struct {
	Env   string
	Value string
}

// Settings are the effective settings of a command: defaults, then
// archivio.yaml, then the environment, then flags, checked as one.
type Settings struct {
	Config
	// Path is the configuration file read, "" when there was none.
	Path string
	// WebhookSecret signs webhook alerts; SMTPPassword logs in to the
	// mail server. Both come from the environment only.
	WebhookSecret Secret
	SMTPPassword  Secret
	// ServeToken protects the web interface on an address that is not
	// loopback; from the environment only.
	ServeToken Secret
	// PostgresDSN is the shared catalog's connection string (store:
	// postgres); from the environment only.
	PostgresDSN Secret

	origins map[string]Origin
}

// Origin returns where the setting at key came from.
func (s *Settings) Origin(key string) Origin { return s.origins[key] }

// UnknownSourceError is a source name the settings do not have.
type UnknownSourceError struct {
	Name  string
	Known []string
}

func (e *UnknownSourceError) Error() string {
	return fmt.Sprintf("unknown source %q (known: %s)", e.Name, strings.Join(e.Known, ", "))
}

// Resolve makes a command's settings. Problems anywhere (the file, the
// environment, the flags) come back together as an *Error wrapping
// ErrInvalid, each at its line or naming its variable or flag; an
// unknown Source is an *UnknownSourceError.
func Resolve(in Input) (*Settings, error) {
	path := PathFrom(in.Path, in.Getenv)
	data, err := os.ReadFile(path)
	if err != nil {
		if in.Path != "" || !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read config: %w", err)
		}
		path, data = "", nil
	}
	return resolve(path, data, in)
}

// resolve is Resolve for a file already read (path "" and data nil when
// there is none).
func resolve(path string, data []byte, in Input) (*Settings, error) {
	s := &Settings{Config: *Default(), Path: path, origins: map[string]Origin{}}
	name := ""
	d := &decoder{lines: map[string]int{}}
	if path != "" {
		name = fileName(path)
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			line, msg := syntaxError(err)
			d.add(line, "", "%s", msg)
			return nil, &Error{File: name, Problems: d.problems}
		}
		if len(root.Content) > 0 {
			d.decode(root.Content[0], "", 1, reflect.ValueOf(&s.Config).Elem())
		}
		for k, l := range d.lines {
			s.origins[k] = Origin{Layer: FromFile, Path: path, Line: l}
		}
	}
	if in.Source != "" {
		if _, ok := s.Sources[in.Source]; !ok {
			return nil, &UnknownSourceError{Name: in.Source, Known: s.SourceNames()}
		}
	}
	getenv := in.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	var late []Problem
	for _, ev := range envVars {
		if v := getenv(ev.name); v != "" {
			late = s.set(late, ev.key, v, Origin{Layer: FromEnv, Name: ev.name})
		}
	}
	for _, f := range in.Flags {
		late = s.set(late, f.Key, f.Value, Origin{Layer: FromFlag, Name: f.Name})
	}
	d.fill(&s.Config, s.given)
	s.WebhookSecret = secret(getenv, s.Alerts.Webhook.SecretEnv, "ARCHIVIO_WEBHOOK_SECRET")
	s.SMTPPassword = secret(getenv, s.Alerts.SMTP.PasswordEnv, "ARCHIVIO_SMTP_PASSWORD")
	s.ServeToken = secret(getenv, s.Serve.TokenEnv, "ARCHIVIO_SERVE_TOKEN")
	s.PostgresDSN = secret(getenv, s.Postgres.DSNEnv, DefaultPostgresDSNEnv)

	problems := append(d.problems, late...)
	for _, p := range s.Config.check(d.lineOf) {
		if w := s.origins[p.Key].where(); w != "" {
			p.Line, p.Where = 0, w
		}
		problems = append(problems, p)
	}
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
		return nil, &Error{File: name, Problems: problems}
	}
	return s, nil
}

// set applies one value of the environment or a flag, or adds the
// problem it has.
func (s *Settings) set(problems []Problem, key string, v any, o Origin) []Problem {
	if err := setKey(&s.Config, key, v); err != nil {
		return append(problems, Problem{Key: key, Msg: err.Error(), Where: o.where()})
	}
	s.origins[key] = o
	return problems
}

// given reports whether a layer above the defaults set key.
func (s *Settings) given(key string) bool { return s.origins[key].Layer != FromDefault }

// secret reads the secret held by the variable named, else by fallback.
func secret(getenv func(string) string, named, fallback string) Secret {
	if named == "" {
		named = fallback
	}
	return Secret{Env: named, Value: getenv(named)}
}
