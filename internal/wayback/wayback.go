package wayback

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout bounds a request when Client.HTTP is nil.
const DefaultTimeout = 15 * time.Second

// maxBody is the largest answer read: an availability answer is a few
// hundred bytes.
const maxBody = 1 << 20

// timestampLayout is the Wayback Machine's 14-digit timestamp, in UTC.
const timestampLayout = "20060102150405"

// Client asks the availability API. The zero value is not usable:
// Endpoint is required. A Client is safe for concurrent use.
type Client struct {
	// Endpoint is the availability API's base URL, e.g.
	// https://archive.org/wayback/available. Required. Its own query
	// parameters are kept.
	Endpoint string
	// HTTP sends the requests; default a client with DefaultTimeout.
	HTTP *http.Client
	// UserAgent, when set, is sent as the User-Agent header.
	UserAgent string
}

// Snapshot is a copy of a URL in the Wayback Machine.
type Snapshot struct {
	URL       string    // the copy, e.g. http://web.archive.org/web/20130919044612/http://example.com/
	Timestamp time.Time // when it was captured, UTC
	Status    string    // the HTTP status the capture got, as the API gives it, e.g. "200"
}

// availability is the availability API's answer.
type availability struct {
	ArchivedSnapshots *struct {
		Closest *struct {
			Available bool   `json:"available"`
			URL       string `json:"url"`
			Timestamp string `json:"timestamp"`
			Status    string `json:"status"`
		} `json:"closest"`
	} `json:"archived_snapshots"`
}

// Latest returns the Wayback Machine's latest available copy of target.
// Its errors name target and wrap ErrNoSnapshot when there is no copy,
// ErrMalformed for an answer that is not the API's JSON, or are a
// *StatusError for an answer other than 200 OK.
func (c *Client) Latest(ctx context.Context, target string) (*Snapshot, error) {
	target = strings.TrimSpace(target)
	if target == "" {
		return nil, errors.New("wayback: empty target URL")
	}
	u, err := c.requestURL(target)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("wayback %s: %w", target, err)
	}
	req.Header.Set("Accept", "application/json")
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: DefaultTimeout}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("wayback %s: %w", target, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody)) // lets the connection be reused
		return nil, &StatusError{Target: target, StatusCode: resp.StatusCode, Status: resp.Status}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("wayback %s: reading the answer: %w", target, err)
	}
	if len(body) > maxBody {
		return nil, fmt.Errorf("wayback %s: %w: larger than %d bytes", target, ErrMalformed, maxBody)
	}
	return parse(target, body)
}

// requestURL is Endpoint with target in its url parameter.
func (c *Client) requestURL(target string) (string, error) {
	if c.Endpoint == "" {
		return "", errors.New("wayback: no availability endpoint configured")
	}
	u, err := url.Parse(c.Endpoint)
	if err != nil {
		return "", fmt.Errorf("wayback: endpoint: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", fmt.Errorf("wayback: endpoint %q: not an absolute http(s) URL", c.Endpoint)
	}
	q := u.Query()
	q.Set("url", target)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// parse reads an availability answer.
func parse(target string, body []byte) (*Snapshot, error) {
	var a availability
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, fmt.Errorf("wayback %s: %w: %w", target, ErrMalformed, err)
	}
	if a.ArchivedSnapshots == nil {
		return nil, fmt.Errorf("wayback %s: %w: no archived_snapshots", target, ErrMalformed)
	}
	cl := a.ArchivedSnapshots.Closest
	if cl == nil || !cl.Available || cl.URL == "" {
		return nil, fmt.Errorf("wayback %s: %w", target, ErrNoSnapshot)
	}
	ts, err := time.ParseInLocation(timestampLayout, cl.Timestamp, time.UTC)
	if err != nil {
		return nil, fmt.Errorf("wayback %s: %w: timestamp %q", target, ErrMalformed, cl.Timestamp)
	}
	return &Snapshot{URL: cl.URL, Timestamp: ts, Status: cl.Status}, nil
}
