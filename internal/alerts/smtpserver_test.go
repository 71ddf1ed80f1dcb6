package alerts

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// received is one message as the fake SMTP server got it.
type received struct {
	helo     string
	tls      bool // STARTTLS was done before MAIL
	authUser string
	authPass string
	from     string
	rcpts    []string
	data     string // as sent, CRLF line ends, dot-stuffing undone
}

// fakeSMTP is a minimal SMTP server on 127.0.0.1: EHLO, optional
// STARTTLS and AUTH PLAIN, MAIL FROM, RCPT TO, DATA, RSET, QUIT.
type fakeSMTP struct {
	addr string
	port int

	user, pass string          // when user is set, AUTH PLAIN is offered and required to match
	tlsConfig  *tls.Config     // when set, STARTTLS is offered
	refuse     map[string]bool // RCPT TO addresses answered 550
	silent     bool            // accept connections and never answer

	ln   net.Listener
	wg   sync.WaitGroup
	mu   sync.Mutex
	msgs []received
	errs []string
}

// start listens and serves until the test ends.
func (s *fakeSMTP) start(t *testing.T) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.ln = ln
	s.addr = ln.Addr().String()
	s.port = ln.Addr().(*net.TCPAddr).Port
	s.wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Go(func() { s.serve(conn) })
		}
	})
	t.Cleanup(func() {
		ln.Close()
		s.wg.Wait()
		for _, e := range s.protocolErrors() {
			t.Errorf("fake SMTP server: %s", e)
		}
	})
	return s
}

func (s *fakeSMTP) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.msgs...)
}

func (s *fakeSMTP) protocolErrors() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.errs...)
}

func (s *fakeSMTP) fail(format string) {
	s.mu.Lock()
	s.errs = append(s.errs, format)
	s.mu.Unlock()
}

func (s *fakeSMTP) serve(conn net.Conn) {
	defer func() { conn.Close() }()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if s.silent {
		buf := make([]byte, 512)
		for {
			if _, err := conn.Read(buf); err != nil {
				return
			}
		}
	}
	r := bufio.NewReader(conn)
	reply := func(lines ...string) {
		for i, l := range lines {
			sep := " "
			if i < len(lines)-1 {
				sep = "-"
			}
			_, _ = conn.Write([]byte(l[:3] + sep + l[3:] + "\r\n"))
		}
	}
	reply("220fake.test ESMTP")
	var m received
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		if !strings.HasSuffix(line, "\r\n") {
			s.fail("command line not ended by CRLF: " + line)
		}
		line = strings.TrimRight(line, "\r\n")
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			m.helo = arg
			ext := []string{"250fake.test greets " + arg}
			if s.tlsConfig != nil && !m.tls {
				ext = append(ext, "250STARTTLS")
			}
			if s.user != "" {
				ext = append(ext, "250AUTH PLAIN")
			}
			reply(append(ext, "2508BITMIME")...)
		case "STARTTLS":
			if s.tlsConfig == nil || m.tls {
				reply("502not offered")
				continue
			}
			reply("220go ahead")
			tc := tls.Server(conn, s.tlsConfig)
			if err := tc.Handshake(); err != nil {
				return // the client refused the certificate: its test checks that
			}
			conn = tc
			r = bufio.NewReader(conn)
			m = received{tls: true} // RFC 3207: forget everything, expect EHLO again
		case "AUTH":
			mech, resp, _ := strings.Cut(arg, " ")
			raw, err := base64.StdEncoding.DecodeString(resp)
			parts := strings.Split(string(raw), "\x00")
			if strings.ToUpper(mech) != "PLAIN" || err != nil || len(parts) != 3 {
				reply("501malformed AUTH")
				continue
			}
			if parts[1] != s.user || parts[2] != s.pass {
				reply("535authentication failed")
				continue
			}
			m.authUser, m.authPass = parts[1], parts[2]
			reply("235ok")
		case "MAIL":
			if s.user != "" && m.authUser == "" {
				reply("530authentication required")
				continue
			}
			m.from = angle(arg)
			reply("250ok")
		case "RCPT":
			to := angle(arg)
			if s.refuse[to] {
				reply("550no such user")
				continue
			}
			m.rcpts = append(m.rcpts, to)
			reply("250ok")
		case "DATA":
			reply("354end with <CRLF>.<CRLF>")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					s.fail("DATA cut short: " + err.Error())
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, ".")) // undo dot-stuffing
			}
			m.data = data.String()
			s.mu.Lock()
			s.msgs = append(s.msgs, m)
			s.mu.Unlock()
			m = received{helo: m.helo, tls: m.tls, authUser: m.authUser, authPass: m.authPass}
			reply("250queued")
		case "RSET", "NOOP":
			reply("250ok")
		case "QUIT":
			reply("221bye")
			return
		default:
			reply("502unknown command")
		}
	}
}

// angle extracts the address from "FROM:<a@b> BODY=8BITMIME".
func angle(arg string) string {
	i, j := strings.IndexByte(arg, '<'), strings.IndexByte(arg, '>')
	if i < 0 || j < i {
		return ""
	}
	return arg[i+1 : j]
}

// loopbackTLS returns a server config with a fresh self-signed
// certificate for 127.0.0.1 and a client config trusting only it.
func loopbackTLS(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "fake smtp"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	client = &tls.Config{RootCAs: pool}
	return server, client
}
