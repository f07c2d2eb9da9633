# Netral's image: one image for web, worker and beat (deploy/compose.yaml). Everything it needs
# is in the image: no download at run time (closed government networks).

# The wheel is built where a C compiler is, so the detector's modules are compiled (mypyc,
# setup.py); the image itself carries no compiler.
FROM python:3.11-slim-bookworm AS wheel
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py README.md LICENSE ./
COPY netral ./netral
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    NETRAL_DATA_DIR=/var/lib/netral NETRAL_HOST=0.0.0.0 NETRAL_PORT=8000

RUN useradd --system --home-dir /var/lib/netral --create-home --uid 10001 netral
WORKDIR /opt/netral
COPY pyproject.toml README.md LICENSE ./
COPY netral ./netral
COPY --from=wheel /wheels /tmp/wheels
RUN pip install /tmp/wheels/*.whl && rm -rf /tmp/wheels && python -m compileall -q netral

USER netral
EXPOSE 8000
ENTRYPOINT ["netral"]
CMD ["serve"]
