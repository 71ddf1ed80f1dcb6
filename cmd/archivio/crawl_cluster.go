package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
	"archivio/internal/config"
	"archivio/internal/jobs"
	"archivio/internal/setup"
)

// nodeName is this machine's name among the nodes: postgres.node, else
// the host name (as sharedCatalog names it).
func nodeName(s *config.Settings) (string, error) {
	if s.Postgres.Node != "" {
		return s.Postgres.Node, nil
	}
	h, err := os.Hostname()
	if err != nil {
		return "", fmt.Errorf("node name: %w (set postgres.node, $ARCHIVIO_NODE or --node)", err)
	}
	return h, nil
}

// sharedCrawl is cfg's crawl on the shared catalog (store: postgres):
// this machine is one node of it.
func sharedCrawl(ctx context.Context, e *env, lf *logFlags, s *config.Settings, cfg jobs.Config) (*cluster.Report, error) {
	log, err := lf.logger(e.stderr)
	if err != nil {
		return nil, err
	}
	n, err := openNode(ctx, s)
	if err != nil {
		return nil, err
	}
	defer n.close()
	if cfg.Sinks == nil {
		// Parse health alerts go where link alerts go.
		if cfg.Sinks, err = setup.SharedSinks(ctx, s, log, n.st); err != nil {
			return nil, err
		}
	}
	// What a killed node stored and did not deliver goes out first.
	if _, err := jobs.DeliverPending(ctx, n.st, cfg.Sinks, log); err != nil {
		return nil, err
	}
	return n.crawl(ctx, cfg, log)
}

// node is this machine as a node of the shared catalog.
type node struct {
	s       *config.Settings
	name    string
	st      *pg.Store
	storage warcstore.Storage
}

func openNode(ctx context.Context, s *config.Settings) (*node, error) {
	name, err := nodeName(s)
	if err != nil {
		return nil, err
	}
	storage, err := warcStorage(s)
	if err != nil {
		return nil, err
	}
	st, err := sharedCatalog(ctx, s)
	if err != nil {
		return nil, err
	}
	return &node{s: s, name: name, st: st, storage: storage}, nil
}

func (n *node) close() { n.st.Close() }

// crawl runs this node's part of cfg's crawl, with its WARC files in
// DATA/spool/NODE until they are shipped to warc_storage.
func (n *node) crawl(ctx context.Context, cfg jobs.Config, log *slog.Logger) (*cluster.Report, error) {
	return cluster.Crawl(ctx, cluster.CrawlConfig{
		Store: n.st, Storage: n.storage, Node: n.name, WARCDir: filepath.Join(n.s.Data, "spool", n.name), LogDir: n.s.Data,
		Source: cfg.Source, BaseURL: cfg.BaseURL, UserAgent: cfg.UserAgent, Software: cfg.Software,
		Parallel: cfg.Parallel, Delay: cfg.Delay, Timeout: cfg.Timeout, MaxBody: cfg.MaxBody, MaxFile: cfg.WARCMaxSize,
		FromID: cfg.FromID, ToID: cfg.ToID, MaxPages: cfg.MaxPages, Site: cfg.Site, LeaseTTL: n.s.Postgres.LeaseTTL.D(),
		Transport: cfg.Transport, AllowPrivate: cfg.AllowPrivate, Drift: cfg.Drift, Sinks: cfg.Sinks, Outbox: cfg.Outbox, Logger: log,
	})
}

// printSharedReport writes a node's crawl report for people.
func printSharedReport(w io.Writer, r *cluster.Report) {
	how := "started it"
	if r.Joined {
		how = "joined it"
	}
	fmt.Fprintf(w, "Crawl %d of %s (%s) on node %s (%s): %s in %.1fs\n", r.CrawlID, r.Source, r.BaseURL, r.Node, how, r.Status, r.Seconds)
	fmt.Fprintf(w, "  this node         %d pages fetched, %s; records %d new, %d changed, %d unchanged, %d unreadable\n",
		r.PagesFetched, byteSize(r.Bytes), r.RecordsNew, r.RecordsChanged, r.RecordsUnchanged, r.Unreadable)
	if len(r.Errors) > 0 {
		fmt.Fprintf(w, "  errors            %s\n", strings.TrimSuffix(strings.TrimPrefix(byReason(r.Errors), " ("), ")"))
	} else {
		fmt.Fprintf(w, "  errors            none\n")
	}
	f := r.Frontier
	fmt.Fprintf(w, "  the crawl         %d URLs queued: %d done, %d failed%s, %d excluded%s, %d unsettled\n",
		f.URLs, f.Done, sum(f.Failed), byReason(f.Failed), sum(f.Excluded), byReason(f.Excluded), f.Unsettled)
	fmt.Fprintf(w, "  record pages      %d parsed, %d unreadable (all nodes)\n", r.ParseOutcomes["parsed"], r.ParseOutcomes["unreadable"])
	if len(r.MissingRecords) > 0 {
		var parts []string
		for _, m := range r.MissingRecords[:min(len(r.MissingRecords), 10)] {
			parts = append(parts, fmt.Sprintf("%d (%s)", m.ID, m.Reason))
		}
		fmt.Fprintf(w, "  missing           %s\n", strings.Join(parts, ", "))
	}
	if r.FinishedHere {
		fmt.Fprintf(w, "  finished          by this node: nothing of the crawl is queued on any node\n")
	}
	if h := r.ParseHealth; h != nil && h.Drift != nil {
		d := h.Drift
		judged := "not judged (too few record pages)"
		if d.Judged {
			judged = fmt.Sprintf("%s since %s, %d findings", d.State, d.Since.UTC().Format(time.RFC3339), len(d.Findings))
		}
		if d.Alert != nil {
			judged += fmt.Sprintf("; alert %s raised", strings.ToUpper(d.Alert.Kind))
		}
		fmt.Fprintf(w, "  parse health      %d record pages, %d unreadable; %s (judged by this node)\n", h.RecordPages, h.Unreadable, judged)
	}
	fmt.Fprintf(w, "  WARC              %d captures waiting for their file to be stored\n", r.WARCPending)
	if r.CrawlLog != "" {
		fmt.Fprintf(w, "  crawl log         %s (this node's fetches)\n", r.CrawlLog)
	}
	if r.Error != "" {
		fmt.Fprintf(w, "  failure           %s\n", r.Error)
	}
}

// reportShared prints a node's report in the format asked and turns an
// interruption into the message a single machine's crawl gives.
func reportShared(e *env, format string, rep *cluster.Report, err error) error {
	if rep != nil && format == formatJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else if rep != nil {
		printSharedReport(e.stdout, rep)
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(e.stdout, "\nInterrupted: what this node fetched is archived; its leases return to the other nodes. Start it again to rejoin the crawl.")
		return errReported
	}
	return err
}

// checkLinks runs the link checks of the shared catalog on this node,
// with its WARC files in DATA/spool-links/NODE until they are shipped to
// warc_storage.
func (n *node) checkLinks(ctx context.Context, cfg jobs.LinksConfig) (*jobs.LinksReport, error) {
	return cluster.LinkCheck{
		Store: n.st, Name: n.name, WARCDir: filepath.Join(n.s.Data, "spool-links", n.name), Storage: n.storage,
		Software: cfg.Software, Heartbeat: n.s.Postgres.LeaseTTL.D() / 3, Log: cfg.Logger,
	}.Run(ctx, cfg)
}
