package alerts

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"
)

func newTestSMTP(t *testing.T, o SMTPOptions) Sink {
	t.Helper()
	s, err := NewSMTP(o)
	if err != nil {
		t.Fatalf("NewSMTP: %v", err)
	}
	return s
}

// onlyMessage returns the one message the server got.
func onlyMessage(t *testing.T, srv *fakeSMTP) received {
	t.Helper()
	msgs := srv.messages()
	if len(msgs) != 1 {
		t.Fatalf("server got %d messages, want 1", len(msgs))
	}
	return msgs[0]
}

func TestSMTPDeliversOneMessage(t *testing.T) {
	srv := (&fakeSMTP{user: "archivio", pass: "pw"}).start(t)
	now := time.Date(2026, 3, 2, 3, 0, 0, 0, time.FixedZone("CET", 3600))
	s := newTestSMTP(t, SMTPOptions{
		Host:     "127.0.0.1",
		Port:     srv.port,
		From:     "archivio <alerts@archivio.example.org>",
		To:       []string{"redazione@example.org", "Ufficio Partecipazione <partecipazione@example.org>"},
		Username: "archivio",
		Password: "pw",
		Hello:    "archivio.example.org",
		Now:      fixedClock(now),
	})
	if err := s.Send(context.Background(), downAlert()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	m := onlyMessage(t, srv)

	if m.helo != "archivio.example.org" || m.authUser != "archivio" || m.authPass != "pw" {
		t.Errorf("EHLO %q, AUTH %q/%q", m.helo, m.authUser, m.authPass)
	}
	if m.from != "alerts@archivio.example.org" {
		t.Errorf("MAIL FROM = %q", m.from)
	}
	if want := []string{"redazione@example.org", "partecipazione@example.org"}; !slices.Equal(m.rcpts, want) {
		t.Errorf("RCPT TO = %v, want %v", m.rcpts, want)
	}
	for i, line := range strings.SplitAfter(m.data, "\r\n") {
		if strings.ContainsAny(strings.TrimSuffix(line, "\r\n"), "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 78+2 {
			t.Errorf("line %d longer than 78 characters: %q", i+1, line)
		}
	}

	msg, err := mail.ReadMessage(strings.NewReader(m.data))
	if err != nil {
		t.Fatalf("message does not parse: %v\n%s", err, m.data)
	}
	h := msg.Header
	if from, err := h.AddressList("From"); err != nil || len(from) != 1 || from[0].Address != "alerts@archivio.example.org" || from[0].Name != "archivio" {
		t.Errorf("From = %v, %v", from, err)
	}
	to, err := h.AddressList("To")
	if err != nil || len(to) != 2 || to[0].Address != "redazione@example.org" || to[1].Name != "Ufficio Partecipazione" {
		t.Errorf("To = %v, %v", to, err)
	}
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil || subject != "[archivio] DOWN http://www.fabbricaideedistretto.it (dns_not_found)" {
		t.Errorf("Subject = %q, %v", subject, err)
	}
	if date, err := h.Date(); err != nil || !date.Equal(now) {
		t.Errorf("Date = %v, %v; want %v", date, err, now)
	}
	if id := h.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@archivio.example.org>") || !strings.HasPrefix(id, "<archivio.12.down.") {
		t.Errorf("Message-ID = %q", id)
	}
	for name, want := range map[string]string{
		"MIME-Version":              "1.0",
		"Content-Type":              "text/plain; charset=utf-8",
		"Content-Transfer-Encoding": "quoted-printable",
		"Auto-Submitted":            "auto-generated",
		"X-Archivio-Event":          "down",
		"X-Archivio-Alert-Id":       "12",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}

	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatalf("body is not quoted-printable: %v", err)
	}
	text := strings.ReplaceAll(string(body), "\r\n", "\n")
	if text != Describe(downAlert()) {
		t.Errorf("body is not Describe:\n%s", text)
	}
	for _, w := range []string{
		"record 141: La fabbrica delle idee. Progetti per rilanciare il distretto ceramico",
		"Last good capture: 2025-11-03T10:15:00Z",
		"WARC: archivio-20251103-00001.warc.gz at offset 48213",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("body lacks %q", w)
		}
	}
}

func TestSMTPEncodesUTF8(t *testing.T) {
	srv := (&fakeSMTP{}).start(t)
	s := newTestSMTP(t, SMTPOptions{Host: "127.0.0.1", Port: srv.port, From: "alerts@example.org", To: []string{"a@example.org"}})
	a := downAlert()
	a.URL = "http://www.comune.città.example/partecipazione"
	a.Records = append(a.Records, RecordRef{ID: 7, Title: "Perché la città partecipa: bilancio partecipativo"})
	if err := s.Send(context.Background(), a); err != nil {
		t.Fatalf("Send: %v", err)
	}
	m := onlyMessage(t, srv)
	for i := range len(m.data) {
		if m.data[i] >= 0x80 {
			t.Fatalf("message has a non-ASCII byte at %d: quoted-printable and encoded words keep it 7-bit", i)
		}
	}
	msg, err := mail.ReadMessage(strings.NewReader(m.data))
	if err != nil {
		t.Fatal(err)
	}
	var dec mime.WordDecoder
	if subject, _ := dec.DecodeHeader(msg.Header.Get("Subject")); subject != "[archivio] DOWN http://www.comune.città.example/partecipazione (dns_not_found)" {
		t.Errorf("Subject decodes to %q", subject)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if !strings.Contains(string(body), "record 7: Perché la città partecipa: bilancio partecipativo") {
		t.Errorf("body lost the accented title:\n%s", body)
	}
}

func TestSMTPStartTLS(t *testing.T) {
	serverTLS, clientTLS := loopbackTLS(t)
	tests := []struct {
		name    string
		offer   bool   // the server offers STARTTLS
		policy  string // SMTPOptions.StartTLS
		wantTLS bool
		wantErr error
	}{
		{"auto uses it when offered", true, "", true, nil},
		{"auto goes plain when not offered", false, StartTLSAuto, false, nil},
		{"always fails when not offered", false, StartTLSAlways, false, ErrNoStartTLS},
		{"always uses it", true, StartTLSAlways, true, nil},
		{"never ignores the offer", true, StartTLSNever, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := &fakeSMTP{user: "archivio", pass: "pw"}
			if tc.offer {
				srv.tlsConfig = serverTLS
			}
			srv.start(t)
			s := newTestSMTP(t, SMTPOptions{
				Host: "127.0.0.1", Port: srv.port, From: "alerts@example.org", To: []string{"a@example.org"},
				Username: "archivio", Password: "pw", StartTLS: tc.policy, TLSConfig: clientTLS,
			})
			err := s.Send(context.Background(), downAlert())
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("Send = %v, want %v", err, tc.wantErr)
				}
				if n := len(srv.messages()); n != 0 {
					t.Errorf("server got %d messages, want none", n)
				}
				return
			}
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if m := onlyMessage(t, srv); m.tls != tc.wantTLS || m.authUser != "archivio" {
				t.Errorf("message over TLS = %v (auth %q), want %v", m.tls, m.authUser, tc.wantTLS)
			}
		})
	}
}

func TestSMTPUntrustedCertificateFails(t *testing.T) {
	serverTLS, _ := loopbackTLS(t)
	srv := (&fakeSMTP{tlsConfig: serverTLS}).start(t)
	s := newTestSMTP(t, SMTPOptions{Host: "127.0.0.1", Port: srv.port, From: "alerts@example.org", To: []string{"a@example.org"}})
	err := s.Send(context.Background(), downAlert())
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("Send to a server with an untrusted certificate = %v, want a STARTTLS error", err)
	}
	if n := len(srv.messages()); n != 0 {
		t.Errorf("message sent in clear after a failed STARTTLS")
	}
}

func TestSMTPErrors(t *testing.T) {
	t.Run("wrong password", func(t *testing.T) {
		srv := (&fakeSMTP{user: "archivio", pass: "pw"}).start(t)
		s := newTestSMTP(t, SMTPOptions{Host: "127.0.0.1", Port: srv.port, From: "alerts@example.org", To: []string{"a@example.org"}, Username: "archivio", Password: "nope"})
		err := s.Send(context.Background(), downAlert())
		if err == nil || !strings.Contains(err.Error(), "AUTH PLAIN") || !strings.Contains(err.Error(), "535") {
			t.Errorf("Send = %v, want an AUTH error with 535", err)
		}
	})
	t.Run("username but no AUTH offered", func(t *testing.T) {
		srv := (&fakeSMTP{}).start(t)
		s := newTestSMTP(t, SMTPOptions{Host: "127.0.0.1", Port: srv.port, From: "alerts@example.org", To: []string{"a@example.org"}, Username: "u", Password: "p"})
		if err := s.Send(context.Background(), downAlert()); !errors.Is(err, ErrNoAuth) {
			t.Errorf("Send = %v, want ErrNoAuth", err)
		}
	})
	t.Run("one recipient refused, the other served", func(t *testing.T) {
		srv := (&fakeSMTP{refuse: map[string]bool{"gone@example.org": true}}).start(t)
		s := newTestSMTP(t, SMTPOptions{Host: "127.0.0.1", Port: srv.port, From: "alerts@example.org", To: []string{"gone@example.org", "a@example.org"}})
		err := s.Send(context.Background(), downAlert())
		if err == nil || !strings.Contains(err.Error(), "gone@example.org") || !strings.Contains(err.Error(), "550") {
			t.Errorf("Send = %v, want an error naming the refused recipient", err)
		}
		if m := onlyMessage(t, srv); !slices.Equal(m.rcpts, []string{"a@example.org"}) {
			t.Errorf("message went to %v", m.rcpts)
		}
	})
	t.Run("every recipient refused", func(t *testing.T) {
		srv := (&fakeSMTP{refuse: map[string]bool{"gone@example.org": true}}).start(t)
		s := newTestSMTP(t, SMTPOptions{Host: "127.0.0.1", Port: srv.port, From: "alerts@example.org", To: []string{"gone@example.org"}})
		if err := s.Send(context.Background(), downAlert()); err == nil || !strings.Contains(err.Error(), "RCPT TO gone@example.org") {
			t.Errorf("Send = %v, want a RCPT error", err)
		}
		if n := len(srv.messages()); n != 0 {
			t.Errorf("server got %d messages, want none", n)
		}
	})
	t.Run("silent server times out", func(t *testing.T) {
		srv := (&fakeSMTP{silent: true}).start(t)
		s := newTestSMTP(t, SMTPOptions{Host: "127.0.0.1", Port: srv.port, From: "alerts@example.org", To: []string{"a@example.org"}, Timeout: 200 * time.Millisecond})
		start := time.Now()
		err := s.Send(context.Background(), downAlert())
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Send = %v, want context.DeadlineExceeded", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Send took %v with a 200ms timeout", d)
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		srv := (&fakeSMTP{silent: true}).start(t)
		s := newTestSMTP(t, SMTPOptions{Host: "127.0.0.1", Port: srv.port, From: "alerts@example.org", To: []string{"a@example.org"}})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		if err := s.Send(ctx, downAlert()); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Send = %v, want the caller's deadline", err)
		}
	})
	t.Run("nothing listening", func(t *testing.T) {
		srv := (&fakeSMTP{}).start(t)
		srv.ln.Close()
		s := newTestSMTP(t, SMTPOptions{Host: "127.0.0.1", Port: srv.port, From: "alerts@example.org", To: []string{"a@example.org"}})
		err := s.Send(context.Background(), downAlert())
		if err == nil || !strings.Contains(err.Error(), "dial") || !strings.Contains(err.Error(), srv.addr) {
			t.Errorf("Send = %v, want a dial error naming %s", err, srv.addr)
		}
	})
}

func TestNewSMTPValidates(t *testing.T) {
	good := SMTPOptions{Host: "mail.example.org", From: "alerts@example.org", To: []string{"a@example.org"}}
	tests := []struct {
		name   string
		change func(o *SMTPOptions)
		field  string
	}{
		{"no host", func(o *SMTPOptions) { o.Host = "" }, "Host"},
		{"host with a space", func(o *SMTPOptions) { o.Host = "mail example" }, "Host"},
		{"port out of range", func(o *SMTPOptions) { o.Port = 70000 }, "Port"},
		{"no from", func(o *SMTPOptions) { o.From = "" }, "From"},
		{"bad from", func(o *SMTPOptions) { o.From = "archivio at example" }, "From"},
		{"no recipient", func(o *SMTPOptions) { o.To = nil }, "To"},
		{"bad second recipient", func(o *SMTPOptions) { o.To = []string{"a@example.org", "not an address"} }, "To[1]"},
		{"header injection in a recipient", func(o *SMTPOptions) { o.To = []string{"a@example.org\r\nBcc: x@evil.example"} }, "To[0]"},
		{"unknown StartTLS", func(o *SMTPOptions) { o.StartTLS = "sometimes" }, "StartTLS"},
		{"password without username", func(o *SMTPOptions) { o.Password = "pw" }, "Username"},
		{"negative timeout", func(o *SMTPOptions) { o.Timeout = -time.Second }, "Timeout"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := good
			o.To = slices.Clone(good.To)
			tc.change(&o)
			_, err := NewSMTP(o)
			assertFieldError(t, err, tc.field)
		})
	}

	// Every problem is reported at once.
	_, err := NewSMTP(SMTPOptions{})
	for _, f := range []string{"option Host", "option From", "option To"} {
		if err == nil || !strings.Contains(err.Error(), f) {
			t.Errorf("NewSMTP(zero) = %v, want it to name %s", err, f)
		}
	}

	s, err := NewSMTP(good)
	if err != nil {
		t.Fatalf("NewSMTP(good): %v", err)
	}
	if s.Name() != "smtp mail.example.org:25" {
		t.Errorf("Name = %q, want the default port 25", s.Name())
	}
}
