#!/usr/bin/env bash
# Builds the .deb with cpack from the build tree and checks what it holds and depends on.
#   package_test.sh BUILD_DIR WORK_DIR self-contained|shared
# A self-contained build (WINBACK_SELF_CONTAINED) has fmt, toml++ and libstdc++ inside the
# binary: its package depends on libc6 and on none of their shared libraries.
set -u
build=$1 work=$2 linking=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    exit 1
fi
deb=$(ls "$work"/winback_*.deb) || exit 1
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
failed=0
for path in /usr/bin/winback /usr/share/man/man1/winback.1.gz /usr/share/bash-completion/completions/winback \
    /usr/share/doc/winback/examples/dayservice/clients.toml /usr/share/doc/winback/examples/dayservice/facility.toml \
    /usr/share/doc/winback/examples/dayservice/log.toml /usr/share/doc/winback/README.md; do
    grep -qx "$path" "$work/contents" || { echo "missing from the package: $path"; failed=1; }
done
depends=$(dpkg-deb -f "$deb" Depends)
if [[ $linking == self-contained ]]; then
    needed=(libc6) unneeded=(libfmt9 libtomlplusplus3 libstdc++6)
else
    needed=(libfmt9 libtomlplusplus3 libstdc++6 libc6) unneeded=()
fi
for package in "${needed[@]}"; do
    [[ $depends == *"$package"* ]] || { echo "Depends lacks $package: $depends"; failed=1; }
done
for package in "${unneeded[@]}"; do
    [[ $depends != *"$package"* ]] || { echo "Depends has $package, which a $linking build does not need: $depends"; failed=1; }
done
# The packaged binary runs and the example book it ships passes check.
dpkg-deb -x "$deb" "$work/root" || exit 1
"$work/root/usr/bin/winback" --version | grep -q '^winback ' || { echo "the packaged binary does not run"; failed=1; }
env -u WINBACK_DIR XDG_CONFIG_HOME=/nonexistent LANG=C.UTF-8 \
    "$work/root/usr/bin/winback" --dir "$work/root/usr/share/doc/winback/examples/dayservice" check >/dev/null ||
    { echo "the packaged example book does not pass check"; failed=1; }
[[ $failed -eq 0 ]] && echo "ok: $(basename "$deb"), Depends: $depends"
exit $failed
