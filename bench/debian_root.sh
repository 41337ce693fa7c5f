# Sourced by bench/ci_recipe_trial.sh and bench/deb_trial.sh: the pieces of a
# trial on a fresh Debian 12 root. Expects $work (the trial's directory).

# step NAME COMMAND...: runs COMMAND with its output in $work/NAME.log and
# says PASS or FAIL with the time; a failure ends the trial.
step() {
  local name=$1 start
  shift
  start=$(date +%s)
  if "$@" >"$work/$name.log" 2>&1; then
    echo "PASS $name ($(($(date +%s) - start)) s)"
  else
    echo "FAIL $name ($(($(date +%s) - start)) s): see $work/$name.log"
    tail -5 "$work/$name.log"
    exit 1
  fi
}

# debian_root ROOT: a minimal Debian 12 root (built unless ROOT has one),
# with the host's apt sources (whose security suite carries LLVM 22), name
# resolution and /proc (unmounted when the trial ends).
debian_root() {
  local root=$1
  local sources=/etc/apt/sources.list.d/debian.sources mirror
  mirror=$(awk '/^URIs:/ {print $2; exit}' "$sources" 2>/dev/null ||
    echo http://deb.debian.org/debian)
  if [ ! -x "$root/usr/bin/apt-get" ]; then
    step debootstrap debootstrap --variant=minbase bookworm "$root" "$mirror"
  fi
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  if [ -f "$sources" ]; then
    rm -f "$root/etc/apt/sources.list"
    cp "$sources" "$root/etc/apt/sources.list.d/"
  fi
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
  # shellcheck disable=SC2064 # the root is fixed now
  trap "umount '$root/proc' 2>/dev/null || true" EXIT
}
