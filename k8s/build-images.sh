#!/usr/bin/env bash
# Builds the four service images (JVM mode) with the face models inside recognition's image.
#   k8s/build-images.sh [--gpu] [registry/prefix]     (default prefix: rollcall)
#   --gpu also builds recognition with onnxruntime_gpu (-Pgpu) as PREFIX/recognition:0.1.0-gpu
# With a registry and no Docker daemon, use jib instead:
#   ./mvnw package -DskipTests -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
#     -Dquarkus.container-image.registry=registry.example.org -Dquarkus.container-image.group=rollcall
#   (jib does not add the models: mount them, or build recognition with this script.)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GPU=false
if [[ "${1:-}" == "--gpu" ]]; then GPU=true; shift; fi
PREFIX="${1:-rollcall}"
cd "$ROOT"
services/face-engine/fetch-models.sh --quiet
./mvnw -q -B package -DskipTests
rm -rf recognition/target/models && mkdir -p recognition/target/models
cp "${ROLLCALL_MODEL_DIR:-$HOME/.cache/rollcall/models}"/fr_*.onnx recognition/target/models/
for s in identity frame-ingest recognition attendance; do
  docker build -f "$s/src/main/docker/Dockerfile.jvm" -t "$PREFIX/$s:0.1.0" "$s"
done
if $GPU; then
  ./mvnw -q -B -Pgpu package -DskipTests -pl recognition -am
  mkdir -p recognition/target/models
  cp "${ROLLCALL_MODEL_DIR:-$HOME/.cache/rollcall/models}"/fr_*.onnx recognition/target/models/
  docker build -f recognition/src/main/docker/Dockerfile.gpu -t "$PREFIX/recognition:0.1.0-gpu" recognition
fi
