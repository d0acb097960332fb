// Command frpstream is an independent peer for jfrp's interop tests: it wraps or unwraps a byte
// stream the way stock frp wraps work connections with use_encryption / use_compression, using Go's
// crypto/aes + crypto/cipher (CFB) and github.com/golang/snappy's framing Writer/Reader, the
// library frp uses (through fatedier/golib's io.WithCompression).
//
// Layering, as in frp: the connection is wrapped in encryption first and compression on top, so
// written data is snappy-framed, then encrypted; each direction starts with its own random IV.
// The key is PBKDF2-HMAC-SHA1(secret, "frp", 64, 16).
//
// Usage: frpstream wrap|unwrap SECRET_HEX ENC(0|1) COMP(0|1) SEED
//
//	wrap:   plaintext on stdin -> wrapped stream on stdout, written in pseudo-random write sizes
//	        (from SEED), like a relay copying whatever each read returned.
//	unwrap: wrapped stream on stdin -> plaintext on stdout.
package main

import (
	"bufio"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	mrand "math/rand"
	"os"
	"strconv"

	"github.com/golang/snappy"
)

func pbkdf2SHA1(password, salt []byte, iterations, length int) []byte {
	prf := hmac.New(sha1.New, password)
	var out []byte
	for block := uint32(1); len(out) < length; block++ {
		prf.Reset()
		prf.Write(salt)
		var idx [4]byte
		binary.BigEndian.PutUint32(idx[:], block)
		prf.Write(idx[:])
		u := prf.Sum(nil)
		t := append([]byte(nil), u...)
		for i := 1; i < iterations; i++ {
			prf.Reset()
			prf.Write(u)
			u = prf.Sum(nil)
			for k := range t {
				t[k] ^= u[k]
			}
		}
		out = append(out, t...)
	}
	return out[:length]
}

// ivWriter writes the IV before the first byte, then CFB ciphertext.
type ivWriter struct {
	w      io.Writer
	iv     []byte
	stream cipher.StreamWriter
	sent   bool
}

func (e *ivWriter) Write(p []byte) (int, error) {
	if !e.sent {
		e.sent = true
		if _, err := e.w.Write(e.iv); err != nil {
			return 0, err
		}
	}
	return e.stream.Write(p)
}

// ivReader reads the IV first, then decrypts.
type ivReader struct {
	r      io.Reader
	block  cipher.Block
	stream io.Reader
}

func (d *ivReader) Read(p []byte) (int, error) {
	if d.stream == nil {
		iv := make([]byte, aes.BlockSize)
		if _, err := io.ReadFull(d.r, iv); err != nil {
			return 0, err
		}
		d.stream = cipher.StreamReader{S: cipher.NewCFBDecrypter(d.block, iv), R: d.r}
	}
	return d.stream.Read(p)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "frpstream: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 6 {
		fail("usage: frpstream wrap|unwrap SECRET_HEX ENC COMP SEED")
	}
	secret, err := hex.DecodeString(os.Args[2])
	if err != nil {
		fail("bad secret: %v", err)
	}
	enc, comp := os.Args[3] == "1", os.Args[4] == "1"
	seed, err := strconv.ParseInt(os.Args[5], 10, 64)
	if err != nil {
		fail("bad seed: %v", err)
	}
	block, err := aes.NewCipher(pbkdf2SHA1(secret, []byte("frp"), 64, 16))
	if err != nil {
		fail("%v", err)
	}
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()

	switch os.Args[1] {
	case "wrap":
		var w io.Writer = out
		if enc {
			iv := make([]byte, aes.BlockSize)
			if _, err := rand.Read(iv); err != nil {
				fail("%v", err)
			}
			w = &ivWriter{w: w, iv: iv, stream: cipher.StreamWriter{S: cipher.NewCFBEncrypter(block, iv), W: w}}
		}
		if comp {
			w = snappy.NewWriter(w) // unbuffered, as golib's io.WithCompression uses it
		}
		input, err := io.ReadAll(os.Stdin)
		if err != nil {
			fail("%v", err)
		}
		random := mrand.New(mrand.NewSource(seed))
		sizes := []int{1, 7, 100, 1500, 16 * 1024, 65536, 100000}
		for len(input) > 0 {
			n := sizes[random.Intn(len(sizes))]
			if n > len(input) {
				n = len(input)
			}
			if _, err := w.Write(input[:n]); err != nil {
				fail("write: %v", err)
			}
			input = input[n:]
		}
	case "unwrap":
		var r io.Reader = bufio.NewReader(os.Stdin)
		if enc {
			r = &ivReader{r: r, block: block}
		}
		if comp {
			r = snappy.NewReader(r)
		}
		if _, err := io.Copy(out, r); err != nil {
			fail("read: %v", err)
		}
	default:
		fail("unknown mode %q", os.Args[1])
	}
}
