package setup

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/config"
)

// AtomTitle and the feed id name the alert feed in DATA/alerts.atom and at
// the daemon's /feed.atom.
const AtomTitle = "archivio: sources down and back up"

// FeedID is the Atom feed's id for the archive in dataDir: the catalog's
// identity as a URN ("urn:uuid:..."), the same wherever the directory is
// and different for every archive. The catalog is created if missing.
func FeedID(ctx context.Context, dataDir string) (string, error) {
	st, err := archive.Open(ctx, dataDir)
	if err != nil {
		return "", fmt.Errorf("feed id: %w", err)
	}
	defer st.Close()
	return StoreFeedID(ctx, st, dataDir)
}

// StoreFeedID is the Atom feed's id for an open archive: its catalog's
// identity. A catalog opened read-only that has no identity yet (made by
// an older archivio and not opened for writing since) is named by its
// directory's absolute path, as feeds were before.
func StoreFeedID(ctx context.Context, st interface {
	CatalogID(context.Context) (string, error)
}, dataDir string) (string, error) {
	id, err := st.CatalogID(ctx)
	if errors.Is(err, archive.ErrNoCatalogID) {
		abs, aerr := filepath.Abs(dataDir)
		if aerr != nil {
			return "", fmt.Errorf("feed id: %w", aerr)
		}
		return "urn:archivio:alerts:" + abs, nil
	}
	if err != nil {
		return "", fmt.Errorf("feed id: %w", err)
	}
	return "urn:uuid:" + id, nil
}

// Sinks are where alerts go, as the settings say: the log always; the Atom
// feed DATA/alerts.atom unless alerts.atom is false (named by the
// catalog's identity, with alerts.atom_url as its rel="self" link); a webhook when
// alerts.webhook.url is set (signed with the secret read from the
// environment); e-mail when alerts.smtp.host is set.
func Sinks(ctx context.Context, s *config.Settings, log *slog.Logger) (alerts.Sink, error) {
	return sinks(ctx, s, log, func() (string, error) { return FeedID(ctx, s.Data) })
}

// SharedSinks are Sinks on a node of a shared catalog: the Atom feed
// DATA/alerts.atom is named by the shared catalog's identity (no archive
// is made in DATA).
func SharedSinks(ctx context.Context, s *config.Settings, log *slog.Logger, catalog interface {
	CatalogID(context.Context) (string, error)
}) (alerts.Sink, error) {
	return sinks(ctx, s, log, func() (string, error) { return StoreFeedID(ctx, catalog, s.Data) })
}

func sinks(ctx context.Context, s *config.Settings, log *slog.Logger, feedID func() (string, error)) (alerts.Sink, error) {
	sinks := alerts.Multi{alerts.NewLog(log)}
	if s.Alerts.Atom == nil || *s.Alerts.Atom {
		id, err := feedID()
		if err != nil {
			return nil, err
		}
		atom, err := alerts.NewAtom(alerts.AtomOptions{Path: filepath.Join(s.Data, "alerts.atom"), Title: AtomTitle, FeedID: id,
			SelfURL: s.Alerts.AtomURL})
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
