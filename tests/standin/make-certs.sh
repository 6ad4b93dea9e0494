#!/bin/sh
# make-certs.sh DIR — a test CA, a server certificate it signs for
# 127.0.0.1 and localhost, a second CA that signs nothing the server shows,
# and the server key's pin (sha256//BASE64) for central.pin_sha256.
set -e
d=$1
[ -n "$d" ] || { echo "usage: make-certs.sh DIR" >&2; exit 2; }
mkdir -p "$d"
cd "$d"
q() { "$@" >/dev/null 2>&1; }
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=Stand-in Test CA" -keyout ca.key -out ca.pem
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=Unrelated Test CA" -keyout other-ca.key -out other-ca.pem
q openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj "/CN=127.0.0.1" -keyout server.key -out server.csr
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' > ext.cnf
q openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile ext.cnf -out server.pem
printf 'sha256//%s\n' "$(openssl x509 -in server.pem -pubkey -noout |
  openssl pkey -pubin -outform der 2>/dev/null | openssl dgst -sha256 -binary | base64)" > pin.txt
q openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj "/CN=other" -keyout other.key -out other.csr
printf 'sha256//%s\n' "$(openssl pkey -in other.key -pubout -outform der 2>/dev/null |
  openssl dgst -sha256 -binary | base64)" > other-pin.txt
