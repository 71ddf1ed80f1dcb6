package main

import (
	"context"
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

Manages archivio.yaml, the configuration of the daemon ("archivio run"):
the data directory, the sources with their schedules and politeness, the
link checks and the alerts. The file is --config PATH, else
$ARCHIVIO_CONFIG, else ./archivio.yaml.

  init   writes a commented archivio.yaml with every setting at its
         default: the observatory crawled weekly, and the participation
         pages of the comuni of the Distretto ceramico ready to be
         uncommented. It does not overwrite a file unless --force.
  check  reads the file and reports every problem with its line (unknown
         keys, bad schedules or durations, URLs, secrets written in the
         file); the exit status is 1 when there is any.

Secrets never go in the file: it names the environment variables holding
them (secret_env, password_env).

Examples:
  archivio config init
  archivio config check
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
		return fmt.Errorf("%w: config needs init or check", errUsage)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(e.stdout, strings.TrimSpace(configUsage))
		return nil
	case "init":
		return runConfigInit(e, args[1:])
	case "check":
		return runConfigCheck(e, args[1:])
	}
	return fmt.Errorf("%w: config: unknown subcommand %q: want init or check (see archivio config --help)", errUsage, args[0])
}

func runConfigInit(e *env, args []string) error {
	fs := newFlagSet(e, "config init", configInitUsage)
	path := fs.String("config", "", "file to write (default $ARCHIVIO_CONFIG or ./archivio.yaml)")
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
	path := fs.String("config", "", "file to check (default $ARCHIVIO_CONFIG or ./archivio.yaml)")
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
