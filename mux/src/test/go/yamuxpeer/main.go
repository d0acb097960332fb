// Command yamuxpeer is an independent yamux peer used by jfrp's interop tests.
//
// It is built in GOPATH mode against Debian's packaged
// github.com/hashicorp/yamux (golang-github-hashicorp-yamux-dev, a 2019
// snapshot); see ../build.sh.
//
// Modes:
//
//	-mode server: listen on -listen (loopback only), print "LISTENING <host:port>",
//	  accept ONE TCP connection and run a yamux server session on it. Every
//	  accepted stream is read until EOF (peer FIN), the received bytes are
//	  echoed back verbatim, then the stream is closed (FIN).
//	-mode client: dial -addr, run a yamux client session, optionally ping, then
//	  open -streams streams concurrently. Stream i sends an 8-byte big-endian
//	  length L followed by L pseudo-random bytes (math/rand seeded with
//	  -seed + i, L uniform in [1, -bytes]), reads until EOF, checks the echoed
//	  payload's SHA-256 and only then closes the stream.
//
// Quirk of the packaged yamux version: once the local side has sent FIN
// (Stream.Close), Read returns io.EOF as soon as the receive buffer is
// momentarily empty, even if the peer is still sending. The normal client and
// server paths therefore never Close() a stream before having read the peer's
// FIN. The self-test-only flag -client-halfclose deliberately closes first
// and is therefore exposed to that quirk.
//
// Stdout lines (one per event, everything else goes to stderr):
//
//	LISTENING <host:port>
//	PING ok <rtt-nanoseconds>ns
//	SERVED <n> <sha256hex>
//	SERVER DONE streams=<count>
//	SERVER IDLE-EXIT streams=<count>
//	STREAM <i> <L> <sha256hex> OK
//	CLIENT DONE streams=<N> bytes=<total>
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"hash"
	"io"
	"math"
	"math/rand"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/yamux"
)

const (
	// Upper bound for the bytes buffered per stream in server mode.
	maxServerStreamBytes = 256 << 20
	// Upper bounds for client-side parameters.
	maxClientStreams = 100000
	maxClientBytes   = 256 << 20
	maxPings         = 1000000
	headerLen        = 8
)

type options struct {
	mode            string
	listen          string
	addr            string
	keepalive       time.Duration
	writeTimeout    time.Duration
	pings           int
	streams         int
	bytes           int
	seed            int64
	window          uint64
	idleExit        time.Duration
	timeout         time.Duration
	clientHalfClose bool
	serverFramed    bool
}

// out serialises stdout lines so concurrent goroutines never interleave.
var outMu sync.Mutex

func outf(format string, args ...interface{}) {
	outMu.Lock()
	defer outMu.Unlock()
	fmt.Fprintf(os.Stdout, format+"\n", args...)
}

func errf(format string, args ...interface{}) {
	outMu.Lock()
	defer outMu.Unlock()
	fmt.Fprintf(os.Stderr, "yamuxpeer: "+format+"\n", args...)
}

func fail(format string, args ...interface{}) {
	errf("FAIL: "+format, args...)
	os.Exit(1)
}

func main() {
	var o options
	flag.StringVar(&o.mode, "mode", "", "server or client")
	flag.StringVar(&o.listen, "listen", "127.0.0.1:0", "server mode: loopback address to listen on (port 0 = ephemeral)")
	flag.StringVar(&o.addr, "addr", "", "client mode: host:port to dial")
	flag.DurationVar(&o.keepalive, "keepalive", 30*time.Second, "yamux KeepAliveInterval (keep-alive is always enabled)")
	flag.DurationVar(&o.writeTimeout, "write-timeout", 10*time.Second,
		"yamux ConnectionWriteTimeout, which also bounds the wait for a ping's answer (keep-alive included)")
	flag.IntVar(&o.pings, "pings", 0, "number of session.Ping() calls once the session is up")
	flag.IntVar(&o.streams, "streams", 0, "client mode: number of concurrent streams")
	flag.IntVar(&o.bytes, "bytes", 65536, "client mode: maximum payload length per stream (length uniform in [1,bytes])")
	flag.Int64Var(&o.seed, "seed", 1, "client mode: stream i uses math/rand seeded with seed+i")
	flag.Uint64Var(&o.window, "window", 262144, "yamux MaxStreamWindowSize (>= 262144)")
	flag.DurationVar(&o.idleExit, "idle-exit", 60*time.Second, "server mode: exit 0 after this long without session activity")
	flag.DurationVar(&o.timeout, "timeout", 120*time.Second, "client mode: overall deadline; exceeding it is a failure")
	flag.BoolVar(&o.clientHalfClose, "client-halfclose", false,
		"SELF-TEST ONLY (client): Close() each stream right after writing and expect the raw echo "+
			"(length header + payload) from a Go -mode server; exposed to the old-yamux early-EOF quirk")
	flag.BoolVar(&o.serverFramed, "server-framed", false,
		"SELF-TEST ONLY (server): emulate the Java echo server: read the 8-byte length L and L bytes, "+
			"echo the L payload bytes, then Close() (lets the normal client mode be tested against this program)")
	flag.Parse()

	if flag.NArg() != 0 {
		fail("unexpected arguments: %v", flag.Args())
	}
	if o.keepalive <= 0 {
		fail("-keepalive must be > 0")
	}
	if o.writeTimeout <= 0 {
		fail("-write-timeout must be > 0")
	}
	if o.pings < 0 || o.pings > maxPings {
		fail("-pings must be in [0,%d]", maxPings)
	}
	if o.window < 262144 || o.window > math.MaxUint32 {
		fail("-window must be in [262144,%d]", uint64(math.MaxUint32))
	}

	switch o.mode {
	case "server":
		os.Exit(runServer(&o))
	case "client":
		os.Exit(runClient(&o))
	default:
		fail("-mode must be server or client")
	}
}

func yamuxConfig(o *options) *yamux.Config {
	cfg := yamux.DefaultConfig()
	cfg.LogOutput = os.Stderr
	cfg.EnableKeepAlive = true
	cfg.KeepAliveInterval = o.keepalive
	cfg.ConnectionWriteTimeout = o.writeTimeout
	cfg.MaxStreamWindowSize = uint32(o.window)
	return cfg
}

// runPings performs n pings, printing one line each; it returns the first error.
func runPings(sess *yamux.Session, n int, touch func()) error {
	for i := 0; i < n; i++ {
		rtt, err := sess.Ping()
		if err != nil {
			return fmt.Errorf("ping %d/%d: %v", i+1, n, err)
		}
		if touch != nil {
			touch()
		}
		outf("PING ok %dns", rtt.Nanoseconds())
	}
	return nil
}

// ---------------------------------------------------------------- server

// activity records the time of the last observed session activity.
type activity struct{ last int64 }

func (a *activity) touch()               { atomic.StoreInt64(&a.last, time.Now().UnixNano()) }
func (a *activity) since() time.Duration { return time.Since(time.Unix(0, atomic.LoadInt64(&a.last))) }

// touchReader marks activity whenever data is read.
type touchReader struct {
	r io.Reader
	a *activity
}

func (t touchReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		t.a.touch()
	}
	return n, err
}

func runServer(o *options) int {
	if o.idleExit <= 0 {
		errf("-idle-exit must be > 0")
		return 2
	}
	host, _, err := net.SplitHostPort(o.listen)
	if err != nil {
		errf("bad -listen %q: %v", o.listen, err)
		return 2
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		errf("-listen must be a loopback IP address (e.g. 127.0.0.1:0), got %q", o.listen)
		return 2
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		errf("listen %s: %v", o.listen, err)
		return 1
	}
	outf("LISTENING %s", ln.Addr().String())

	act := &activity{}
	act.touch()
	var accepted int64

	// Idle watchdog: bounds the whole server lifetime, including waiting for the
	// TCP connection.
	go func() {
		period := o.idleExit / 20
		if period < 10*time.Millisecond {
			period = 10 * time.Millisecond
		}
		if period > time.Second {
			period = time.Second
		}
		for {
			time.Sleep(period)
			if act.since() >= o.idleExit {
				errf("no session activity for %v, exiting", o.idleExit)
				outf("SERVER IDLE-EXIT streams=%d", atomic.LoadInt64(&accepted))
				os.Exit(0)
			}
		}
	}()

	conn, err := ln.Accept()
	ln.Close() // exactly one connection
	if err != nil {
		errf("accept: %v", err)
		return 1
	}
	act.touch()
	errf("accepted TCP connection from %s", conn.RemoteAddr())

	sess, err := yamux.Server(conn, yamuxConfig(o))
	if err != nil {
		errf("yamux server: %v", err)
		conn.Close()
		return 1
	}

	if o.pings > 0 {
		go func() {
			if err := runPings(sess, o.pings, act.touch); err != nil {
				fail("%v", err)
			}
		}()
	}

	var wg sync.WaitGroup
	var failures int64
	for {
		st, err := sess.AcceptStream()
		if err != nil {
			errf("session ended: %v", err)
			break
		}
		act.touch()
		atomic.AddInt64(&accepted, 1)
		wg.Add(1)
		go func(st *yamux.Stream) {
			defer wg.Done()
			if err := serveStream(st, act, o.serverFramed); err != nil {
				atomic.AddInt64(&failures, 1)
				errf("stream %d: %v", st.StreamID(), err)
			}
		}(st)
	}
	sess.Close()
	wg.Wait() // bounded: the session is closed, so every stream operation returns
	outf("SERVER DONE streams=%d", atomic.LoadInt64(&accepted))
	if f := atomic.LoadInt64(&failures); f > 0 {
		errf("FAIL: %d stream(s) failed", f)
		return 1
	}
	return 0
}

func serveStream(st *yamux.Stream, act *activity, framed bool) error {
	r := touchReader{r: st, a: act}
	var data []byte
	if framed {
		var hdr [headerLen]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			st.Close()
			return fmt.Errorf("reading length header: %v", err)
		}
		l := binary.BigEndian.Uint64(hdr[:])
		if l > maxServerStreamBytes {
			st.Close()
			return fmt.Errorf("announced length %d exceeds limit %d", l, maxServerStreamBytes)
		}
		data = make([]byte, int(l))
		if _, err := io.ReadFull(r, data); err != nil {
			st.Close()
			return fmt.Errorf("reading %d payload bytes: %v", l, err)
		}
	} else {
		// Read until the peer's FIN (EOF); never Close() before that.
		var err error
		data, err = io.ReadAll(io.LimitReader(r, maxServerStreamBytes+1))
		if err != nil {
			st.Close()
			return fmt.Errorf("reading until EOF: %v", err)
		}
		if len(data) > maxServerStreamBytes {
			st.Close()
			return fmt.Errorf("stream exceeds %d bytes", maxServerStreamBytes)
		}
	}
	if _, err := writeAll(st, data, act); err != nil {
		st.Close()
		return fmt.Errorf("echoing %d bytes: %v", len(data), err)
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close: %v", err)
	}
	sum := sha256.Sum256(data)
	outf("SERVED %d %s", len(data), hex.EncodeToString(sum[:]))
	return nil
}

// writeAll writes b in chunks so that activity is recorded while a large echo
// is making progress.
func writeAll(w io.Writer, b []byte, act *activity) (int, error) {
	const chunk = 64 << 10
	total := 0
	for total < len(b) {
		end := total + chunk
		if end > len(b) {
			end = len(b)
		}
		n, err := w.Write(b[total:end])
		total += n
		if act != nil && n > 0 {
			act.touch()
		}
		if err != nil {
			return total, err
		}
		if n == 0 {
			return total, io.ErrShortWrite
		}
	}
	return total, nil
}

// ---------------------------------------------------------------- client

type streamResult struct {
	index  int
	length int
	sumHex string
	err    error
}

func runClient(o *options) int {
	if o.addr == "" {
		errf("-addr is required in client mode")
		return 2
	}
	if o.streams < 0 || o.streams > maxClientStreams {
		errf("-streams must be in [0,%d]", maxClientStreams)
		return 2
	}
	if o.streams > 0 && (o.bytes < 1 || o.bytes > maxClientBytes) {
		errf("-bytes must be in [1,%d]", maxClientBytes)
		return 2
	}
	if o.timeout <= 0 {
		errf("-timeout must be > 0")
		return 2
	}
	deadline := time.Now().Add(o.timeout)
	// Hard bound on the whole run, whatever blocks.
	killer := time.AfterFunc(o.timeout+5*time.Second, func() {
		fail("client did not finish within -timeout %v", o.timeout)
	})
	defer killer.Stop()

	conn, err := net.DialTimeout("tcp", o.addr, time.Until(deadline))
	if err != nil {
		errf("FAIL: dial %s: %v", o.addr, err)
		return 1
	}
	sess, err := yamux.Client(conn, yamuxConfig(o))
	if err != nil {
		conn.Close()
		errf("FAIL: yamux client: %v", err)
		return 1
	}
	defer sess.Close()

	if err := runPings(sess, o.pings, nil); err != nil {
		errf("FAIL: %v", err)
		return 1
	}

	results := make(chan streamResult, o.streams)
	for i := 0; i < o.streams; i++ {
		go func(i int) {
			l, sumHex, err := clientStream(sess, i, o, deadline)
			results <- streamResult{index: i, length: l, sumHex: sumHex, err: err}
		}(i)
	}
	var total int64
	failures := 0
	for k := 0; k < o.streams; k++ {
		r := <-results
		if r.err != nil {
			failures++
			errf("FAIL: stream %d (L=%d): %v", r.index, r.length, r.err)
			continue
		}
		total += int64(r.length)
		outf("STREAM %d %d %s OK", r.index, r.length, r.sumHex)
	}
	if failures > 0 {
		errf("FAIL: %d of %d stream(s) failed", failures, o.streams)
		return 1
	}
	// Stream.Close ignores a failed FIN write, and closing the TCP connection right after the
	// last FIN can race with it (a close with unread input sends RST). One more ping round trip
	// proves the peer has read every FIN before we close.
	if _, err := sess.Ping(); err != nil {
		errf("FAIL: final ping after the streams' FINs: %v", err)
		return 1
	}
	outf("CLIENT DONE streams=%d bytes=%d", o.streams, total)
	return 0
}

// payloadFor derives stream i's deterministic payload from seed+i.
func payloadFor(seed int64, i int, maxBytes int) []byte {
	rng := rand.New(rand.NewSource(seed + int64(i)))
	l := 1 + rng.Intn(maxBytes)
	p := make([]byte, l)
	rng.Read(p) // never fails for *rand.Rand
	return p
}

func clientStream(sess *yamux.Session, i int, o *options, deadline time.Time) (int, string, error) {
	payload := payloadFor(o.seed, i, o.bytes)
	l := len(payload)
	sum := sha256.Sum256(payload)
	sumHex := hex.EncodeToString(sum[:])

	var hdr [headerLen]byte
	binary.BigEndian.PutUint64(hdr[:], uint64(l))

	// What we expect back: the Java server echoes only the payload; in the
	// self-test-only half-close mode the Go server echoes raw bytes, i.e. the
	// header too.
	var want hash.Hash = sha256.New()
	wantLen := l
	if o.clientHalfClose {
		want.Write(hdr[:])
		wantLen += headerLen
	}
	want.Write(payload)
	wantSum := want.Sum(nil)

	st, err := sess.OpenStream()
	if err != nil {
		return l, sumHex, fmt.Errorf("open stream: %v", err)
	}
	if err := st.SetDeadline(deadline); err != nil {
		st.Close()
		return l, sumHex, fmt.Errorf("set deadline: %v", err)
	}

	// Write concurrently with reading so a peer that echoes while still
	// receiving cannot deadlock us on flow control.
	writeDone := make(chan error, 1)
	go func() {
		_, err := writeAll(st, hdr[:], nil)
		if err == nil {
			_, err = writeAll(st, payload, nil)
		}
		if err == nil && o.clientHalfClose {
			err = st.Close() // self-test only: FIN before reading the echo
		}
		writeDone <- err
	}()

	got := sha256.New()
	n, rerr := io.Copy(got, io.LimitReader(st, int64(wantLen)+1))
	werr := <-writeDone // bounded by the stream write deadline
	if werr != nil {
		st.Close()
		return l, sumHex, fmt.Errorf("write: %v", werr)
	}
	if rerr != nil {
		st.Close()
		return l, sumHex, fmt.Errorf("read after %d bytes: %v", n, rerr)
	}
	// EOF (peer FIN) has been read; only now is it safe to Close().
	if err := st.Close(); err != nil {
		return l, sumHex, fmt.Errorf("close: %v", err)
	}
	if n != int64(wantLen) {
		hint := ""
		if o.clientHalfClose && n < int64(wantLen) {
			hint = " (early EOF after local FIN: the old-yamux half-close quirk)"
		}
		return l, sumHex, fmt.Errorf("echo length mismatch: got %d bytes before EOF, want %d%s", n, wantLen, hint)
	}
	if gotSum := got.Sum(nil); !bytes.Equal(gotSum, wantSum) {
		return l, sumHex, fmt.Errorf("echo SHA-256 mismatch: got %s, want %s",
			hex.EncodeToString(gotSum), hex.EncodeToString(wantSum))
	}
	return l, sumHex, nil
}
