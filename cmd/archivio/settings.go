package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"archivio/internal/config"
)

// Every command that works on the archive gets its settings one way
// (config.Resolve): defaults, then archivio.yaml (--config, else
// $ARCHIVIO_CONFIG, else ./archivio.yaml, when present), then the
// environment, then the flags bound here to settings.

// settingFlags are a command's --config flag and the flags bound to
// settings.
type settingFlags struct {
	fs         *flag.FlagSet
	configPath string
	keys       map[string]string // flag name -> setting, "{source}" for the source's name
	source     string            // the source the command works on, if any
}

// newSettingFlags registers --config on fs.
func newSettingFlags(fs *flag.FlagSet) *settingFlags {
	sf := &settingFlags{fs: fs, keys: map[string]string{}}
	fs.StringVar(&sf.configPath, "config", "", "configuration file `PATH` (default: $ARCHIVIO_CONFIG, else ./archivio.yaml, when present)")
	return sf
}

// data registers --data, bound to the data setting.
func (sf *settingFlags) data() {
	sf.str("data", "data", "data directory `DIR`: WARC files in DIR/warc, the catalog in DIR/archivio.db")
}

// node registers --node, bound to postgres.node: this machine's name
// among the crawler nodes sharing a PostgreSQL catalog.
func (sf *settingFlags) node() {
	sf.str("node", "postgres.node", "this machine's `NAME` among the crawler nodes of a shared catalog (store: postgres; the host name when none)")
}

// The flags bound to settings take their defaults from the settings'
// defaults (config.DefaultValue), and their usage says where else the
// value may come from, so every default is written once.

func (sf *settingFlags) str(name, key, usage string) {
	def, _ := sf.defaultOf(key).(string)
	sf.fs.String(name, def, usage+sf.defaultNote(key))
	sf.keys[name] = key
}

func (sf *settingFlags) boolean(name, key string, usage string) {
	def, _ := sf.defaultOf(key).(bool)
	sf.fs.Bool(name, def, usage+sf.defaultNote(key))
	sf.keys[name] = key
}

// integer registers an int flag refusing what the setting's rule refuses
// (config.CheckValue), as the file does.
func (sf *settingFlags) integer(name, key string, usage string) {
	v, _ := sf.defaultOf(key).(int)
	sf.fs.Var(intFlag{v: &v, key: key}, name, usage+sf.defaultNote(key))
	sf.keys[name] = key
}

// duration registers a duration flag refusing what the setting's rule
// refuses, as the file does.
func (sf *settingFlags) duration(name, key string, usage string) {
	v, _ := sf.defaultOf(key).(time.Duration)
	sf.fs.Var(durationFlag{v: &v, key: key}, name, usage+sf.defaultNote(key))
	sf.keys[name] = key
}

// defaultOf is the default of a setting; a source's settings have the
// same defaults whatever its name.
func (sf *settingFlags) defaultOf(key string) any {
	v, err := config.DefaultValue(strings.ReplaceAll(key, "{source}", "osservatorio"))
	if err != nil {
		panic(fmt.Sprintf("flag bound to %s: %v", key, err)) // a programming error, caught by the help test
	}
	return v
}

// defaultNote says where a bound flag's value comes from when it is not
// given: " (default: $VARIABLE, else KEY in archivio.yaml, else VALUE)".
func (sf *settingFlags) defaultNote(key string) string {
	var from []string
	if env := config.EnvVar(key); env != "" {
		from = append(from, "$"+env)
	}
	if src, ok := strings.CutPrefix(key, "sources.{source}."); ok {
		from = append(from, "the source's "+src+" in archivio.yaml")
	} else {
		from = append(from, key+" in archivio.yaml")
	}
	from = append(from, defaultText(sf.defaultOf(key)))
	return " (default: " + strings.Join(from, ", else ") + ")"
}

// defaultText writes a default as help texts show it.
func defaultText(v any) string {
	switch d := v.(type) {
	case time.Duration:
		return config.ShortDuration(d)
	case string:
		if d == "" {
			return "none"
		}
		return d
	}
	return fmt.Sprint(v)
}

// errShown ends a command whose settings "archivio config show" printed.
var errShown = errors.New("settings shown")

// settings resolves the command's settings once its flags are parsed.
// extra are values the command sets itself (the demo's data directory).
// A configuration problem is printed and reported; under "archivio
// config show" the settings are printed instead of running the command.
func (e *env) settings(sf *settingFlags, extra ...config.Flag) (*config.Settings, error) {
	var flags []config.Flag
	sf.fs.Visit(func(f *flag.Flag) {
		key, ok := sf.keys[f.Name]
		if !ok {
			return
		}
		var v any = f.Value.String()
		if g, ok := f.Value.(flag.Getter); ok {
			v = g.Get()
		}
		flags = append(flags, config.Flag{Name: "--" + f.Name, Key: strings.ReplaceAll(key, "{source}", sf.source), Value: v})
	})
	s, err := config.Resolve(config.Input{Path: sf.configPath, Getenv: e.getenv, Flags: append(flags, extra...), Source: sf.source})
	var unknown *config.UnknownSourceError
	var invalid *config.Error
	switch {
	case errors.As(err, &unknown):
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	case errors.As(err, &invalid):
		for _, line := range invalid.Lines() {
			fmt.Fprintln(e.stderr, line)
		}
		return nil, errReported
	case err != nil:
		return nil, err
	}
	if e.show != nil {
		if err := s.Show(e.show); err != nil {
			return nil, err
		}
		return nil, errShown
	}
	return s, nil
}
