-- Mixed load for the reliability figure of issue 9 (demo content: `manage.py load_demo`):
--   wrk -t2 -c32 -d60s --timeout 10s -s bench/load_mixed.lua http://127.0.0.1:8731
-- against `gunicorn cms.wsgi -w 2` (cms.settings.test: DEBUG and the per-IP rate limiter off, every client is one IP).
local paths = {
  "/", "/projets/", "/projets/?region=32", "/projets/vises/", "/projets/boutique-des-sciences-lille/",
  "/recherche/?q=economie+sociale", "/recherche/?q=education+populaire&region=32",
  "/api/recherche?q=cooperation", "/api/recherche?q=science&theme=economie-sociale-et-solidaire", "/api/autocomplete?q=univ",
  "/precedents/", "/enseignements/", "/explorer/", "/organisations/le-mouvement-associatif-hauts-de-france/",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  for _, p in pairs({50, 90, 99}) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
