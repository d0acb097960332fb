// kcppeer is the independent KCP implementation of jfrp's interop tests: xtaci/kcp-go as Debian
// packages it (5.6.1), configured exactly as frp configures it (FEC 10+3, stream mode, write
// delay, nodelay 1/20/2/1, MTU 1350; windows 128/512 when dialing as frpc, 1024/1024 when
// listening as frps or running an xtcp end with conv 1).
//
//	kcppeer server ADDR            echo every session's bytes back; prints "LISTEN host:port"
//	kcppeer client ADDR BYTES SEED write BYTES pseudo-random bytes, read the echo, print
//	                               "CLIENT <bytes> <sha256 sent> <sha256 received> fecrecovered=N retrans=N";
//	                               the server prints "STATS fecrecovered=N retrans=N" when they change
//	kcppeer xtcp LOCAL REMOTE BYTES SEED
//	                               as client, but over a UDP socket bound to LOCAL with conv 1
//	kcppeer throughput ADDR BYTES  write BYTES zeros, wait for the echo, print "THROUGHPUT <bytes> <ms>"
//
// Every mode ends on a deadline (60 s) with exit status 2.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"strconv"
	"time"

	kcp "github.com/xtaci/kcp-go"
)

func frpSettings(s *kcp.UDPSession, snd, rcv int) {
	s.SetStreamMode(true)
	s.SetWriteDelay(true)
	s.SetNoDelay(1, 20, 2, 1)
	s.SetMtu(1350)
	s.SetWindowSize(snd, rcv)
	s.SetACKNoDelay(false)
}

// dial connects to a KCP listener as frp's client does (FEC 10+3), with frp's settings.
func dial(addr string, snd, rcv int) *kcp.UDPSession {
	s, err := kcp.DialWithOptions(addr, nil, 10, 3)
	if err != nil {
		fail("dial: %v", err)
	}
	frpSettings(s, snd, rcv)
	return s
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) < 3 {
		fail("usage: kcppeer server|client|xtcp|throughput ...")
	}
	go func() {
		time.Sleep(60 * time.Second)
		fmt.Fprintln(os.Stderr, "deadline")
		os.Exit(2)
	}()
	switch os.Args[1] {
	case "server":
		server(os.Args[2])
	case "client":
		n, _ := strconv.Atoi(os.Args[3])
		seed, _ := strconv.ParseInt(os.Args[4], 10, 64)
		exchange(dial(os.Args[2], 128, 512), n, seed)
	case "xtcp":
		n, _ := strconv.Atoi(os.Args[4])
		seed, _ := strconv.ParseInt(os.Args[5], 10, 64)
		laddr, _ := net.ResolveUDPAddr("udp", os.Args[2])
		raddr, _ := net.ResolveUDPAddr("udp", os.Args[3])
		conn, err := net.ListenUDP("udp", laddr)
		if err != nil {
			fail("listen: %v", err)
		}
		s, err := kcp.NewConn3(1, raddr, nil, 10, 3, conn)
		if err != nil {
			fail("conn: %v", err)
		}
		frpSettings(s, 1024, 1024)
		exchange(s, n, seed)
	case "throughput":
		n, _ := strconv.Atoi(os.Args[3])
		s := dial(os.Args[2], 1024, 1024)
		start := time.Now()
		go func() {
			buf := make([]byte, 32*1024)
			for left := n; left > 0; {
				k := len(buf)
				if left < k {
					k = left
				}
				if _, err := s.Write(buf[:k]); err != nil {
					fail("write: %v", err)
				}
				left -= k
			}
		}()
		if _, err := io.CopyN(io.Discard, s, int64(n)); err != nil {
			fail("read: %v", err)
		}
		fmt.Printf("THROUGHPUT %d %d\n", n, time.Since(start).Milliseconds())
	default:
		fail("unknown mode %s", os.Args[1])
	}
}

func server(addr string) {
	l, err := kcp.ListenWithOptions(addr, nil, 10, 3)
	if err != nil {
		fail("listen: %v", err)
	}
	fmt.Printf("LISTEN %s\n", l.Addr().String())
	go func() {
		var last string
		for {
			time.Sleep(200 * time.Millisecond)
			line := stats()
			if line != last {
				fmt.Printf("STATS %s\n", line)
				last = line
			}
		}
	}()
	for {
		s, err := l.AcceptKCP()
		if err != nil {
			fail("accept: %v", err)
		}
		frpSettings(s, 1024, 1024)
		go func(s *kcp.UDPSession) {
			n, _ := io.Copy(s, s)
			fmt.Printf("SERVED %d\n", n)
		}(s)
	}
}

// stats reports kcp-go's counters of FEC recoveries and retransmitted segments.
func stats() string {
	snmp := kcp.DefaultSnmp.Copy()
	return fmt.Sprintf("fecrecovered=%d retrans=%d", snmp.FECRecovered, snmp.RetransSegs)
}

// exchange writes n seeded bytes while reading n echoed bytes, then reports both hashes.
func exchange(s *kcp.UDPSession, n int, seed int64) {
	data := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(data)
	go func() {
		for off := 0; off < n; {
			k := 16 * 1024
			if n-off < k {
				k = n - off
			}
			if _, err := s.Write(data[off : off+k]); err != nil {
				fail("write: %v", err)
			}
			off += k
		}
	}()
	got := sha256.New()
	if _, err := io.CopyN(got, s, int64(n)); err != nil {
		fail("read: %v", err)
	}
	sent := sha256.Sum256(data)
	fmt.Printf("CLIENT %d %s %s %s\n", n, hex.EncodeToString(sent[:]), hex.EncodeToString(got.Sum(nil)), stats())
	s.Close()
}
