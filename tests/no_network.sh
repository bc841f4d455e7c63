#!/usr/bin/env bash
# winback never uses the network (README "Privacy"): the binary calls none of the C library's
# network or process-spawning functions, and links no library that would do it for it.
#
#   no_network.sh WINBACK
set -u
winback=$1
forbidden='socket|socketpair|connect|bind|listen|accept|accept4|getaddrinfo|gethostbyname|gethostbyname_r|gethostbyaddr|getnameinfo|send|sendto|sendmsg|recv|recvfrom|recvmsg|res_query|res_search|system|popen|fork|vfork|execl|execlp|execle|execv|execvp|execvpe|execve|posix_spawn|posix_spawnp|dlopen'
symbols=$(nm -D --undefined-only "$winback" | awk '{ print $NF }' | sed 's/@.*//' | sort -u) || exit 1
[[ -n $symbols ]] || { echo "FAIL: no dynamic symbols read from $winback"; exit 1; }
found=$(grep -Ex "$forbidden" <<<"$symbols")
if [[ -n $found ]]; then
    echo "FAIL: winback calls: $found"
    exit 1
fi
libraries=$(ldd "$winback" | awk '{ print $1 }')
if grep -Eq 'curl|ssl|crypto|resolv|nss_|http|socket' <<<"$libraries"; then
    echo "FAIL: winback links a network library: $(grep -E 'curl|ssl|crypto|resolv|nss_|http|socket' <<<"$libraries")"
    exit 1
fi
echo "ok: $(wc -l <<<"$symbols") imported functions, none of the network or process ones; libraries: $(echo $libraries)"
