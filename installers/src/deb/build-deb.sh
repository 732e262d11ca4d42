#!/bin/sh
# Assembles installers/target/distri-place_VERSION_amd64.deb from the jpackage app image: the image under
# /opt/distri-place, the command on the PATH, the menu entry and icons, the service (disabled) with its config file
# (a conffile: an edited one survives upgrades), and the maintainer scripts beside this file.
# Usage: build-deb.sh TARGET_DIR VERSION ICONS_DIR
set -eu
target=$1
version=$2
icons=$3
here=$(cd "$(dirname "$0")" && pwd)
root="$target/deb-root"
rm -rf "$root"
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/lib/systemd/system" \
    "$root/etc/distri-place" "$root/DEBIAN"
cp -a "$target/distri-place" "$root/opt/distri-place"
ln -s /opt/distri-place/bin/distri-place "$root/usr/bin/distri-place"
cp "$here/distri-place.desktop" "$here/distri-place-trace.desktop" "$root/usr/share/applications/"
mkdir -p "$root/usr/share/mime/packages"
cp "$here/distri-place-mime.xml" "$root/usr/share/mime/packages/distri-place.xml"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$icons/distri-place-$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/distri-place.png"
done
cp "$here/distri-place-node.service" "$root/lib/systemd/system/"
cp "$here/node.conf" "$root/etc/distri-place/node.conf"
installed=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed/" "$here/control.in" > "$root/DEBIAN/control"
cp "$here/conffiles" "$here/postinst" "$here/prerm" "$here/postrm" "$root/DEBIAN/"
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm" "$root/DEBIAN/postrm"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles"
dpkg-deb --root-owner-group -Zxz --build "$root" "$target/distri-place_${version}_amd64.deb" >/dev/null
rm -rf "$root"
echo "built $target/distri-place_${version}_amd64.deb"
