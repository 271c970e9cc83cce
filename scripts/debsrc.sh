# scripts/debsrc.sh: Debian source packages for scripts/realworld and
# bench/run, sourced by both (bash). It fetches a package with `apt-get
# source` (adding bookworm's deb-src entries once if there are none) and
# builds zlib with its own configure and makefile.
#
# The caller sets CACHE (where sources and builds go) and JOBS (make -j), and
# defines say MESSAGE and die MESSAGE (die must not return).

debsrc_list=/etc/apt/sources.list.d/ferry-realworld-src.sources

# apt-get source needs deb-src entries; add bookworm's once (idempotent).
ensure_deb_src() {
    if [[ -n $(apt-cache showsrc zlib 2>/dev/null) ]]; then return; fi
    if [[ ! -f $debsrc_list ]]; then
        [[ $(id -u) == 0 ]] ||
            die "no deb-src entries; as root, add $debsrc_list (see scripts/debsrc.sh)"
        say "adding deb-src entries for bookworm in $debsrc_list"
        cat >"$debsrc_list" <<'EOF'
# Added by ferry's scripts/debsrc.sh: source packages for `make check-realworld`
# and bench/run.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    fi
    say "apt-get update"
    apt-get update -qq || die "apt-get update failed"
}

# fetch_source PKG: unpacks Debian's source package once into CACHE/src/PKG
# and prints the path of its tree.
fetch_source() {
    local pkg=$1 dir=$CACHE/src/$1
    if [[ ! -f $dir/.done ]]; then
        ensure_deb_src >&2
        say "apt-get source $pkg" >&2
        rm -rf "$dir"
        mkdir -p "$dir"
        (cd "$dir" && apt-get source -qq "$pkg" >apt-source.log 2>&1) || {
            tail -20 "$dir/apt-source.log" >&2
            die "apt-get source $pkg failed"
        }
        touch "$dir/.done"
    fi
    local tree
    tree=$(find "$dir" -mindepth 1 -maxdepth 1 -type d | head -1)
    [[ -n $tree ]] || die "no source tree in $dir"
    echo "$tree"
}

# fresh BUILD-DIR RECIPE: true when BUILD-DIR was built with RECIPE already;
# otherwise empties it so the caller rebuilds.
fresh() {
    if [[ -f $1/.recipe && $(cat "$1/.recipe") == "$2" ]]; then return 0; fi
    rm -rf "$1"
    mkdir -p "$1"
    return 1
}

# build_zlib_in OUT ARCH CC TREE CFLAGS TARGETS...: zlib's own configure and
# makefile (static libz.a and, if asked, the shared library) in OUT, from a
# copy of TREE; skipped when OUT was built the same way already.
build_zlib_in() {
    local out=$1 arch=$2 cc=$3 tree=$4 cflags=$5
    shift 5
    local recipe="$tree $cc $cflags $*"
    fresh "$out" "$recipe" && return
    say "building zlib for $arch in $out"
    cp -a "$tree/." "$out/"
    (cd "$out" && CC=$cc CFLAGS=$cflags ./configure && make -j"$JOBS" "$@") \
        >"$out/build.log" 2>&1 || {
        tail -20 "$out/build.log" >&2
        die "zlib build for $arch failed (log: $out/build.log)"
    }
    echo "$recipe" >"$out/.recipe"
}
