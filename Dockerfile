# Netral's image: one image for web, worker and beat (deploy/compose.yaml). Everything it needs
# is in the image: no download at run time (closed government networks).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    NETRAL_DATA_DIR=/var/lib/netral NETRAL_HOST=0.0.0.0 NETRAL_PORT=8000

RUN useradd --system --home-dir /var/lib/netral --create-home --uid 10001 netral
WORKDIR /opt/netral
COPY pyproject.toml README.md LICENSE ./
COPY netral ./netral
RUN pip install . && python -m compileall -q netral

USER netral
EXPOSE 8000
ENTRYPOINT ["netral"]
CMD ["serve"]
