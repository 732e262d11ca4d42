#!/bin/sh
# Assembles two .debs from the jpackage app image, as a Debian packager ships them:
#   distri-place-node_VERSION_amd64.deb  the command with its runtime and every library but JavaFX, the node
#                                        service (sandboxed, disabled until enabled) and its settings (a conffile),
#                                        the man pages and bash completion; no graphical libraries
#   distri-place_VERSION_amd64.deb       the desktop app: JavaFX (loaded as modules), the menu entries, icons,
#                                        the trace file type and AppStream metadata; depends on the node package
# Usage: build-deb.sh TARGET_DIR VERSION ICONS_DIR COMMAND_DOCS_DIR README
set -eu
target=$1
version=$2
icons=$3
docs=$4
readme=$5
here=$(cd "$(dirname "$0")" && pwd)
image="$target/distri-place"
desktop_runtime_libs="libawt_xawt.so libjawt.so libsplashscreen.so libjsound.so"

# Debian's modes: directories 755, files 644, programs 755; shared libraries are not executable.
normalise_modes() {
    find "$1" -type d -exec chmod 755 {} +
    find "$1" -type f -perm /111 -exec chmod 755 {} +
    find "$1" -type f ! -perm /111 -exec chmod 644 {} +
    find "$1" -type f -name '*.so' -exec chmod 644 {} +
}

# Every ELF program and library under a folder, one path a line.
elf_files() {
    find "$1" -type f | while read -r file; do
        if [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = '177ELF' ]; then
            echo "$file"
        fi
    done
}

# As dh_strip does: no symbol tables, comments or notes in what the package ships.
strip_binaries() {
    elf_files "$1" | while read -r file; do
        case "$file" in
            *.so) strip --remove-section=.comment --remove-section=.note --strip-unneeded "$file" ;;
            *) strip --remove-section=.comment --remove-section=.note "$file" ;;
        esac
    done
}

# The copyright, changelog (compressed as Debian's tools do: no name, no time) and any more documents.
add_docs() {
    doc="$1/usr/share/doc/$2"
    mkdir -p "$doc"
    cp "$here/copyright" "$doc/copyright"
    gzip -9n < "$here/changelog" > "$doc/changelog.gz"
}

# The shared libraries the package's programs and libraries link against, as dpkg-shlibdeps finds them
# (${shlibs:Depends}); the runtime's own libraries resolve inside the image.
shared_library_depends() {
    mkdir -p "$target/shlibdeps/debian"
    printf 'Source: distri-place\n\nPackage: distri-place\nArchitecture: any\n' > "$target/shlibdeps/debian/control"
    runtime=$(cd "$image/lib/runtime/lib" && pwd)
    (cd "$target/shlibdeps" && elf_files "$1" | xargs -d '\n' dpkg-shlibdeps -O --ignore-missing-info \
        -l"$runtime" -l"$runtime/server" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
}

# The control file with the package's installed size, dependencies and checksums, then the .deb itself.
finish() {
    root=$1
    package=$2
    normalise_modes "$root"
    installed=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
    shlibs=$(shared_library_depends "$(cd "$root" && pwd)")
    mkdir -p "$root/DEBIAN"
    sed -e "s/@VERSION@/$version/g" -e "s/@INSTALLED_SIZE@/$installed/" -e "s/@SHLIBS@/$shlibs/" "$here/$3" \
        > "$root/DEBIAN/control"
    (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum \
        > DEBIAN/md5sums)
    for script in preinst postinst prerm postrm; do
        if [ -f "$here/$4.$script" ]; then
            cp "$here/$4.$script" "$root/DEBIAN/$script"
            chmod 755 "$root/DEBIAN/$script"
        fi
    done
    if [ -f "$here/$4.conffiles" ]; then
        cp "$here/$4.conffiles" "$root/DEBIAN/conffiles"
        chmod 644 "$root/DEBIAN/conffiles"
    fi
    chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
    dpkg-deb --root-owner-group -Zxz --build "$root" "$target/${package}_${version}_amd64.deb" >/dev/null
    rm -rf "$root"
    echo "built $target/${package}_${version}_amd64.deb"
}

# --- distri-place-node
root="$target/deb-node"
rm -rf "$root"
mkdir -p "$root/opt" "$root/usr/bin" "$root/lib/systemd/system" "$root/etc/distri-place" \
    "$root/usr/share/man/man1" "$root/usr/share/bash-completion/completions"
cp -a "$image" "$root/opt/distri-place"
rm -rf "$root/opt/distri-place/lib/app/javafx"
# The runtime's libraries for a display and sound (X11, ALSA) belong to the desktop package: nodes run headless.
for lib in $desktop_runtime_libs; do
    rm "$root/opt/distri-place/lib/runtime/lib/$lib"
done
strip_binaries "$root/opt/distri-place"
ln -s /opt/distri-place/bin/distri-place "$root/usr/bin/distri-place"
cp "$here/distri-place-node.service" "$root/lib/systemd/system/"
cp "$here/node.conf" "$root/etc/distri-place/node.conf"
for page in "$docs"/man/*.1; do
    gzip -9n < "$page" > "$root/usr/share/man/man1/$(basename "$page").gz"
done
# Sourced by bash-completion, never run: no #! line.
sed '1{/^#!/d}' "$docs/distri-place.bash" > "$root/usr/share/bash-completion/completions/distri-place"
add_docs "$root" distri-place-node
gzip -9n < "$readme" > "$root/usr/share/doc/distri-place-node/README.md.gz"
finish "$root" distri-place-node node.control node

# --- distri-place (the desktop app)
root="$target/deb-desktop"
rm -rf "$root"
mkdir -p "$root/opt/distri-place/lib/app" "$root/usr/share/applications" "$root/usr/share/mime/packages" \
    "$root/usr/share/metainfo"
cp -a "$image/lib/app/javafx" "$root/opt/distri-place/lib/app/javafx"
mkdir -p "$root/opt/distri-place/lib/runtime/lib"
for lib in $desktop_runtime_libs; do
    cp -a "$image/lib/runtime/lib/$lib" "$root/opt/distri-place/lib/runtime/lib/"
done
strip_binaries "$root/opt/distri-place"
cp "$here/distri-place.desktop" "$here/distri-place-trace.desktop" "$root/usr/share/applications/"
cp "$here/distri-place-mime.xml" "$root/usr/share/mime/packages/distri-place.xml"
cp "$here/org.distriplace.distriplace.metainfo.xml" "$root/usr/share/metainfo/"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$icons/distri-place-$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/distri-place.png"
done
add_docs "$root" distri-place
finish "$root" distri-place desktop.control desktop
