package setup

import (
	"fmt"
	"log/slog"
	"path/filepath"

	"archivio/internal/alerts"
	"archivio/internal/config"
)

// AtomTitle and the feed id name the alert feed in DATA/alerts.atom and at
// the daemon's /feed.atom.
const AtomTitle = "archivio: sources down and back up"

// FeedID is the Atom feed's id for a data directory.
func FeedID(dataDir string) (string, error) {
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return "", err
	}
	return "urn:archivio:alerts:" + abs, nil
}

// Sinks are where alerts go, as the settings say: the log always; the Atom
// feed DATA/alerts.atom unless alerts.atom is false; a webhook when
// alerts.webhook.url is set (signed with the secret read from the
// environment); e-mail when alerts.smtp.host is set.
func Sinks(s *config.Settings, log *slog.Logger) (alerts.Sink, error) {
	sinks := alerts.Multi{alerts.NewLog(log)}
	if s.Alerts.Atom == nil || *s.Alerts.Atom {
		id, err := FeedID(s.Data)
		if err != nil {
			return nil, err
		}
		atom, err := alerts.NewAtom(alerts.AtomOptions{Path: filepath.Join(s.Data, "alerts.atom"), Title: AtomTitle, FeedID: id})
		if err != nil {
			return nil, err
		}
		sinks = append(sinks, atom)
	}
	if w := s.Alerts.Webhook; w.URL != "" {
		hook, err := alerts.NewWebhook(alerts.WebhookOptions{URL: w.URL, Secret: s.WebhookSecret.Value})
		if err != nil {
			return nil, fmt.Errorf("webhook: %w", err)
		}
		sinks = append(sinks, hook)
	}
	if m := s.Alerts.SMTP; m.Host != "" {
		mail, err := alerts.NewSMTP(alerts.SMTPOptions{Host: m.Host, Port: m.Port, From: m.From, To: m.To,
			Username: m.Username, Password: s.SMTPPassword.Value})
		if err != nil {
			return nil, fmt.Errorf("e-mail: %w", err)
		}
		sinks = append(sinks, mail)
	}
	return sinks, nil
}
