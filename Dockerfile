# syntax=docker/dockerfile:1
# Headless KiroTray proxy in a container: built with Debian 12's Qt packages, run as an unprivileged
# user with its data (config.json, credentials.json, database) in the /data volume.
#   docker build -t kirotray .
#   docker run -d -p 127.0.0.1:8080:8080 -e API_KEY=<secret> -v kirotray-data:/data kirotray

FROM debian:12 AS build
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      cmake ninja-build g++ pkg-config zlib1g-dev \
      qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite qtkeychain-qt6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
      -DKIROTRAY_BUILD_GUI=OFF -DKIROTRAY_BUILD_TESTS=OFF -DKIROTRAY_BUILD_BENCH=OFF \
 && cmake --build /build --target kirotray \
 && strip --strip-unneeded -o /kirotray /build/app/kirotray \
 && /kirotray --version

FROM debian:12-slim
ARG DEBIAN_FRONTEND=noninteractive
# The shared libraries of the headless binary, plus the Qt SQLite driver and the CA certificates that
# it loads at run time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libqt6core6 libqt6network6 libqt6httpserver6 libqt6websockets6 libqt6sql6 libqt6sql6-sqlite \
      libqt6keychain1 zlib1g ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home --shell /usr/sbin/nologin kirotray \
 && install -d -m 0700 -o kirotray -g kirotray /data
COPY --from=build /kirotray /usr/bin/kirotray
COPY --chmod=0755 installer/docker/entrypoint.sh /usr/local/bin/kirotray-entrypoint
# Fails the build when the package list above no longer covers the binary's libraries.
RUN ! ldd /usr/bin/kirotray | grep 'not found' && /usr/bin/kirotray --version

# HOST=0.0.0.0 only here: the container's own interface is what "docker run -p" publishes.
ENV HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
VOLUME /data
EXPOSE 8080
USER kirotray:kirotray
WORKDIR /data
ENTRYPOINT ["/usr/local/bin/kirotray-entrypoint"]
