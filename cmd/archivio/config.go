package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"archivio/internal/config"
)

const configUsage = `
Usage: archivio config init  [--config PATH] [--force]
       archivio config check [--config PATH]
       archivio config show  [--config PATH] [COMMAND [ARGUMENTS]]

Manages archivio.yaml, the configuration of archivio: the data directory,
the sources with their schedules and politeness, the link checks and the
alerts. The file is --config PATH, else $ARCHIVIO_CONFIG, else
./archivio.yaml. Every command gets its settings the same way: the
defaults, then the file (when present), then the environment
(ARCHIVIO_DATA, ARCHIVIO_CONTACT, ARCHIVIO_WAYBACK_ENDPOINT,
ARCHIVIO_WEBHOOK_URL, ARCHIVIO_SMTP_HOST, _PORT, _FROM, _TO, _USERNAME),
then its flags; "archivio crawl NAME" crawls a source as "archivio run"
does.

  init   writes a commented archivio.yaml with every setting at its
         default: the observatory crawled weekly, and the participation
         pages of the comuni of the Distretto ceramico ready to be
         uncommented. It does not overwrite a file unless --force.
  check  reads the file and reports every problem with its line (unknown
         keys, bad schedules or durations, URLs, secrets written in the
         file); the exit status is 1 when there is any.
  show   prints the effective settings, each with where it came from:
         default, FILE:LINE, $VARIABLE or --flag; secrets masked. Given a
         command line, the settings that command would run with.

Secrets never go in the file: it names the environment variables holding
them (secret_env, password_env).

Examples:
  archivio config init
  archivio config check
  archivio config show
  archivio config show crawl osservatorio --delay 2s
  archivio config init --config /etc/archivio.yaml --force
  ARCHIVIO_CONFIG=/etc/archivio.yaml archivio config check
`

const configInitUsage = `
Usage: archivio config init [--config PATH] [--force]

Writes a commented archivio.yaml holding the defaults. Refuses to replace
an existing file unless --force.

Example:
  archivio config init --config /etc/archivio.yaml
`

const configShowUsage = `
Usage: archivio config show [--config PATH] [--format table|jsonl|json|csv]
       archivio config show COMMAND [ARGUMENTS]

Prints the effective settings, one per line: the key as archivio.yaml
names it, its value, and where it came from: default, FILE:LINE (the
file), $VARIABLE (the environment) or --flag. Secrets (the webhook secret,
the SMTP password, a webhook URL's path, passwords in URLs) are masked.
With a command line (crawl, links check, run, export, reparse, records,
links, alerts, status, diff, demo), the settings that command would run
with, flags included; nothing is run. --format jsonl, json or csv prints
the same rows (key, value, from) for programs.

Examples:
  archivio config show
  archivio config show crawl fiorano --delay 3s
  ARCHIVIO_CONTACT=ops@example.org archivio config show links check --parallel 4
`

const configCheckUsage = `
Usage: archivio config check [--config PATH]

Reads archivio.yaml and reports every problem with its line, or "ok" and
what the daemon would run. The exit status is 1 when there is a problem.

Example:
  archivio config check --config /etc/archivio.yaml
`

func runConfig(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, strings.TrimSpace(configUsage))
		return fmt.Errorf("%w: config needs init, check or show", errUsage)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(e.stdout, strings.TrimSpace(configUsage))
		return nil
	case "init":
		return runConfigInit(e, args[1:])
	case "check":
		return runConfigCheck(e, args[1:])
	case "show":
		return runConfigShow(ctx, e, args[1:])
	}
	return fmt.Errorf("%w: config: unknown subcommand %q: want init, check or show (see archivio config --help)", errUsage, args[0])
}

func runConfigInit(e *env, args []string) error {
	fs := newFlagSet(e, "config init", configInitUsage)
	path := fs.String("config", "", "the file `PATH` to write (default: $ARCHIVIO_CONFIG, else ./archivio.yaml)")
	force := fs.Bool("force", false, "replace the file if it exists")
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: config init takes no arguments", errUsage)
	}
	p := config.PathFrom(*path, e.env)
	if err := writeNewFile(p, config.DefaultFile(), *force); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s exists; keep it, or replace it with archivio config init --force", p)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %s. Edit it, then check it with: archivio config check --config %s\n", p, p)
	return nil
}

// writeNewFile writes data to path, failing with os.ErrExist when the
// file exists and force is false.
func writeNewFile(path string, data []byte, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func runConfigCheck(e *env, args []string) error {
	fs := newFlagSet(e, "config check", configCheckUsage)
	path := fs.String("config", "", "the file `PATH` to check (default: $ARCHIVIO_CONFIG, else ./archivio.yaml)")
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: config check takes no arguments", errUsage)
	}
	p := config.PathFrom(*path, e.env)
	c, err := config.Load(p)
	var ce *config.Error
	if errors.As(err, &ce) {
		for _, line := range ce.Lines() {
			fmt.Fprintln(e.stderr, line)
		}
		n := len(ce.Problems)
		fmt.Fprintf(e.stderr, "%s: %d problem%s\n", p, n, plural(n))
		return errReported
	}
	if err != nil {
		return err
	}
	printConfigSummary(e.stdout, p, c)
	return nil
}

// printConfigSummary says what the daemon would run with c.
func printConfigSummary(w io.Writer, path string, c *config.Config) {
	alerts := []string{}
	if c.Alerts.Atom == nil || *c.Alerts.Atom {
		alerts = append(alerts, "atom")
	}
	if c.Alerts.Webhook.URL != "" {
		alerts = append(alerts, "webhook")
	}
	if c.Alerts.SMTP.Host != "" {
		alerts = append(alerts, "e-mail")
	}
	if len(alerts) == 0 {
		alerts = append(alerts, "log only")
	}
	n := len(c.Sources)
	fmt.Fprintf(w, "%s: ok (%d source%s, link checks on %q, alerts to %s, times in %s)\n",
		path, n, plural(n), c.Links.Schedule, strings.Join(alerts, ", "), c.Timezone)
	for _, name := range c.SourceNames() {
		s := c.Sources[name]
		where := s.BaseURL
		if s.Kind == "site" {
			where = strings.Join(s.Seeds, " ")
		}
		fmt.Fprintf(w, "  %-14s %-12s %-14q %s\n", name, s.Kind, s.Schedule, where)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// showable are the commands "config show" can show the settings of: those
// that resolve their settings before doing anything.
var showable = map[string]bool{
	"crawl": true, "links": true, "run": true, "export": true, "reparse": true, "records": true,
	"alerts": true, "status": true, "diff": true, "demo": true,
}

func runConfigShow(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		if !showable[args[0]] {
			return fmt.Errorf("%w: config show: %q has no settings to show (want one of crawl, links, run, export, reparse, records, alerts, status, diff, demo)", errUsage, args[0])
		}
		shown := *e
		shown.show = e.stdout
		err := run(ctx, args, &shown)
		if errors.Is(err, errShown) {
			return nil // (nil too when the command printed its --help)
		}
		return err
	}
	fs := newFlagSet(e, "config show", configShowUsage)
	sf := newSettingFlags(fs)
	of := formatFlag(fs, "output", formatTable, formatJSONL, formatJSON, formatCSV)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	format, err := of.get()
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: config show takes flags or a command line, not %q", errUsage, fs.Arg(0))
	}
	s, err := e.settings(sf)
	if err != nil {
		return err
	}
	return showSettings(e.stdout, s, format)
}

// settingRow is one effective setting as config show prints it for
// programs.
type settingRow struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	From  string `json:"from"`
}

// showSettings prints the effective settings in a format.
func showSettings(w io.Writer, s *config.Settings, format string) error {
	switch format {
	case formatTable:
		return s.Show(w)
	case formatCSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"key", "value", "from"})
		for _, en := range s.Entries() {
			cw.Write([]string{en.Key, en.Value, en.Origin.String()})
		}
		cw.Flush()
		return cw.Error()
	}
	out := newObjectWriter(w, format)
	for _, en := range s.Entries() {
		if err := out.Write(settingRow{en.Key, en.Value, en.Origin.String()}); err != nil {
			return err
		}
	}
	return out.Close()
}
