package dev.datafactory.worker.engine;

/**
 * The JavaScript the engine runs inside pages. Each is one round trip: on a fast site the cost of a
 * page is dominated by the number of calls between Java, the driver and the browser.
 */
final class PageScripts {

    /** Which block selectors exist and which block texts appear; arg: [selectors, texts]. */
    static final String BLOCK_SIGNALS = """
            ([selectors, texts]) => {
              const hits = [];
              for (const s of selectors) {
                try { if (document.querySelector(s)) hits.push('selector:' + s); }
                catch (e) { hits.push('invalid-selector:' + s); }
              }
              if (texts.length) {
                const body = (document.body ? document.body.innerText : '').toLowerCase();
                for (const t of texts) if (body.includes(t.toLowerCase())) hits.push('text:' + t);
              }
              return hits;
            }""";

    /**
     * Items and links in one go; arg: [itemSelector or null, [[name, selector, attribute or null, all]],
     * extract?, followSelector or null]. Text is whitespace-collapsed textContent.
     */
    static final String EXTRACT = """
            ([itemSelector, fields, extract, followSelector]) => {
              const clean = s => s == null ? null : s.replace(/\\s+/g, ' ').trim();
              const value = (e, attribute) => attribute ? e.getAttribute(attribute) : clean(e.textContent);
              const read = (root, [name, selector, attribute, all]) => {
                if (all) return Array.from(root.querySelectorAll(selector)).map(e => value(e, attribute));
                const e = root.querySelector(selector);
                return e ? value(e, attribute) : null;
              };
              let items = [];
              if (extract) {
                const roots = itemSelector ? Array.from(document.querySelectorAll(itemSelector)) : [document];
                items = roots.map(root => fields.map(f => read(root, f)));
              }
              const links = followSelector
                ? Array.from(document.querySelectorAll(followSelector)).map(a => a.href).filter(h => !!h)
                : [];
              return { items, links };
            }""";

    /** What a site can see of us. Headless hints are the ones bot detectors commonly read. */
    static final String FINGERPRINT = """
            async () => {
              const uad = navigator.userAgentData;
              let fullVersion = '';
              try {
                if (uad && uad.getHighEntropyValues) {
                  fullVersion = (await uad.getHighEntropyValues(['uaFullVersion'])).uaFullVersion || '';
                }
              } catch (e) { }
              return {
                userAgent: navigator.userAgent,
                webdriver: navigator.webdriver === true,
                languages: Array.from(navigator.languages || []),
                timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || '',
                width: window.innerWidth,
                height: window.innerHeight,
                platform: navigator.platform || '',
                hints: {
                  'userAgentData.brands': uad ? uad.brands.map(b => b.brand + ' ' + b.version).join(', ') : '',
                  'userAgentData.fullVersion': fullVersion,
                  'headlessInUserAgent': String(/Headless/i.test(navigator.userAgent)),
                  'plugins.length': String(navigator.plugins ? navigator.plugins.length : 0),
                  'window.chrome': String(typeof window.chrome !== 'undefined'),
                  'hardwareConcurrency': String(navigator.hardwareConcurrency),
                  'deviceMemory': String(navigator.deviceMemory),
                  'screen': screen.width + 'x' + screen.height + 'x' + screen.colorDepth,
                  'language': navigator.language || ''
                }
              };
            }""";

    private PageScripts() {
    }
}
