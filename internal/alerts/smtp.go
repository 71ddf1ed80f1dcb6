package alerts

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

// Why net/smtp. The standard library's SMTP client is frozen: it gets
// security fixes with every Go release but no new features. archivio
// needs only what it has: one plain-text UTF-8 message per alert (composed
// here, quoted-printable), EHLO, STARTTLS when the server offers it (or
// required, or never), AUTH PLAIN, which net/smtp refuses to send in clear
// text except to localhost, several recipients with the refused ones
// reported, and a deadline on the whole exchange (set here on the
// connection, so a silent server cannot hang a run). A maintained client
// such as github.com/wneessen/go-mail would add attachments, S/MIME, DKIM
// and more mechanisms that alerts do not use, and a dependency to follow.
// Reasons to move to it would be AUTH XOAUTH2 or CRAM-MD5, implicit TLS on
// port 465, or SMTPUTF8 addresses; the sink's tests (a real SMTP exchange
// with a test server: STARTTLS offered or not, AUTH, refused recipients,
// timeouts) are the contract a replacement must keep.

// SMTP sink defaults.
const (
	DefaultSMTPPort    = 25
	DefaultSMTPTimeout = 30 * time.Second
	DefaultSMTPHello   = "localhost"
)

// StartTLS policies.
const (
	StartTLSAuto   = "auto"   // use STARTTLS when the server offers it
	StartTLSAlways = "always" // fail unless the server offers STARTTLS
	StartTLSNever  = "never"  // never use STARTTLS
)

// SMTPOptions configure NewSMTP.
type SMTPOptions struct {
	Host string   // the SMTP server, required
	Port int      // default 25
	From string   // envelope and header sender, an RFC 5322 address: "archivio <alerts@example.org>"; required
	To   []string // recipients, at least one
	// Username and Password authenticate with AUTH PLAIN when Username is
	// set. net/smtp refuses PLAIN over an unencrypted connection except to
	// localhost, so set StartTLS or talk to a local relay.
	Username string
	Password string
	// StartTLS is "auto" (default: use STARTTLS when offered), "always"
	// (fail with ErrNoStartTLS when not offered) or "never".
	StartTLS string
	// TLSConfig is used for STARTTLS; ServerName defaults to Host. Tests
	// set RootCAs here.
	TLSConfig *tls.Config
	// Timeout bounds the whole exchange, from dial to QUIT; default 30s.
	Timeout time.Duration
	// Hello is the name sent with EHLO, default "localhost".
	Hello string
	// Now is the clock of the Date header, default time.Now.
	Now func() time.Time
}

// smtpSink e-mails alerts.
type smtpSink struct {
	o    SMTPOptions // with defaults applied
	addr string      // host:port
	from *mail.Address
	to   []*mail.Address
}

// NewSMTP returns a sink that e-mails one message per alert to every
// recipient: a text/plain UTF-8 message, quoted-printable, subject
// "[archivio] DOWN http://... (verdict)", body Describe. It validates the
// options (host, port, from, at least one valid to, StartTLS) and returns
// every problem as a *FieldError.
//
// Send dials with the context and a deadline of Timeout for the whole
// exchange. If some recipients are refused the message still goes to the
// others, and Send reports the refused ones.
func NewSMTP(o SMTPOptions) (Sink, error) {
	var fe fieldErrors
	if strings.TrimSpace(o.Host) == "" {
		fe.add("Host", "empty")
	} else if strings.ContainsAny(o.Host, " \t\r\n/") {
		fe.add("Host", "not a host name: %q", o.Host)
	}
	if o.Port == 0 {
		o.Port = DefaultSMTPPort
	}
	if o.Port < 1 || o.Port > 65535 {
		fe.add("Port", "out of range: %d", o.Port)
	}
	s := &smtpSink{}
	if o.From == "" {
		fe.add("From", "empty")
	} else if a, err := mail.ParseAddress(o.From); err != nil {
		fe.add("From", "%q: %v", o.From, err)
	} else {
		s.from = a
	}
	if len(o.To) == 0 {
		fe.add("To", "no recipient")
	}
	for i, t := range o.To {
		a, err := mail.ParseAddress(t)
		if err != nil {
			fe.add(fmt.Sprintf("To[%d]", i), "%q: %v", t, err)
			continue
		}
		s.to = append(s.to, a)
	}
	if o.Username == "" && o.Password != "" {
		fe.add("Username", "empty while Password is set")
	}
	switch o.StartTLS {
	case "":
		o.StartTLS = StartTLSAuto
	case StartTLSAuto, StartTLSAlways, StartTLSNever:
	default:
		fe.add("StartTLS", "%q is not %q, %q or %q", o.StartTLS, StartTLSAuto, StartTLSAlways, StartTLSNever)
	}
	if o.Timeout < 0 {
		fe.add("Timeout", "negative: %v", o.Timeout)
	}
	if strings.ContainsAny(o.Hello, " \t\r\n") {
		fe.add("Hello", "not a host name: %q", o.Hello)
	}
	if err := fe.err(); err != nil {
		return nil, fmt.Errorf("new SMTP sink: %w", err)
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultSMTPTimeout
	}
	if o.Hello == "" {
		o.Hello = DefaultSMTPHello
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s.o = o
	s.addr = net.JoinHostPort(o.Host, strconv.Itoa(o.Port))
	return s, nil
}

func (s *smtpSink) Name() string { return "smtp " + s.addr }

func (s *smtpSink) Send(ctx context.Context, a Alert) error {
	if err := a.validate(); err != nil {
		return fmt.Errorf("smtp alert: %w", err)
	}
	msg, err := composeMessage(a, s.from, s.to, s.o.Now())
	if err != nil {
		return fmt.Errorf("smtp alert %d: %w", a.ID, err)
	}
	if err := s.deliver(ctx, msg); err != nil {
		return fmt.Errorf("smtp alert %d via %s: %w", a.ID, s.addr, err)
	}
	return nil
}

// deliver runs one SMTP exchange: dial, EHLO, STARTTLS, AUTH, MAIL, RCPT,
// DATA, QUIT, all within Timeout and ctx.
func (s *smtpSink) deliver(ctx context.Context, msg []byte) (err error) {
	ctx, cancel := context.WithTimeout(ctx, s.o.Timeout)
	defer cancel()
	defer func() {
		// A deadline or cancellation shows up as an i/o error on the
		// connection, possibly a moment before ctx reports it; say why.
		if err == nil {
			return
		}
		cause := ctx.Err()
		if dl, ok := ctx.Deadline(); ok && cause == nil && !time.Now().Before(dl) {
			cause = context.DeadlineExceeded
		}
		if cause != nil && !errors.Is(err, cause) {
			err = fmt.Errorf("%w: %w", cause, err)
		}
	}()

	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.addr)
	if err != nil {
		return fmt.Errorf("dial: %w", err)
	}
	if deadline, ok := ctx.Deadline(); ok {
		if err := conn.SetDeadline(deadline); err != nil {
			conn.Close()
			return fmt.Errorf("set deadline: %w", err)
		}
	}
	// Cancellation interrupts a blocked read or write at once.
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	c, err := smtp.NewClient(conn, s.o.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("greeting: %w", err)
	}
	defer c.Close()
	if err := c.Hello(s.o.Hello); err != nil {
		return fmt.Errorf("EHLO: %w", err)
	}
	if err := s.startTLS(c); err != nil {
		return err
	}
	if s.o.Username != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return ErrNoAuth
		}
		if err := c.Auth(smtp.PlainAuth("", s.o.Username, s.o.Password, s.o.Host)); err != nil {
			return fmt.Errorf("AUTH PLAIN as %s: %w", s.o.Username, err)
		}
	}
	if err := c.Mail(s.from.Address); err != nil {
		return fmt.Errorf("MAIL FROM %s: %w", s.from.Address, err)
	}
	var refused []error
	for _, t := range s.to {
		if err := c.Rcpt(t.Address); err != nil {
			refused = append(refused, fmt.Errorf("RCPT TO %s: %w", t.Address, err))
		}
	}
	if len(refused) == len(s.to) {
		return errors.Join(refused...)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		w.Close()
		return fmt.Errorf("DATA: write message: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("DATA: end of message: %w", err)
	}
	// The server has accepted the message; a failed QUIT loses nothing.
	_ = c.Quit()
	if len(refused) > 0 {
		return fmt.Errorf("sent, but some recipients were refused: %w", errors.Join(refused...))
	}
	return nil
}

// startTLS upgrades the connection according to the StartTLS policy.
func (s *smtpSink) startTLS(c *smtp.Client) error {
	if s.o.StartTLS == StartTLSNever {
		return nil
	}
	offered, _ := c.Extension("STARTTLS")
	if !offered {
		if s.o.StartTLS == StartTLSAlways {
			return ErrNoStartTLS
		}
		return nil
	}
	cfg := &tls.Config{}
	if s.o.TLSConfig != nil {
		cfg = s.o.TLSConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = s.o.Host
	}
	if err := c.StartTLS(cfg); err != nil {
		return fmt.Errorf("STARTTLS: %w", err)
	}
	return nil
}
