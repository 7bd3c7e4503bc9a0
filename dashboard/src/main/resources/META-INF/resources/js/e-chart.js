/*
 * <e-chart>: a thin custom element around Apache ECharts (loaded from the webjar before this file).
 * No build step, no npm: a plain script loaded with @JavaScript("context://js/e-chart.js").
 *
 *   element.option = '{"series":[...]}'   (a JSON string, set from Java: EChart#setOption)
 *
 * Animations are always off (deterministic screenshots). Formatter functions cannot travel in JSON, so a
 * "formatter"/"valueFormatter" string of the form "fmt:<decimals>[:<suffix>]" becomes a function that writes
 * the value in the element's language (lang attribute: vi → 1.234,56; en → 1,234.56) with that suffix.
 * The chart follows the element's size (ResizeObserver) and is disposed when the element leaves the page.
 */
(function () {
  'use strict';

  function numberFormat(lang, decimals) {
    return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN',
      { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }

  function formatter(spec, lang) {
    var parts = spec.split(':');
    var nf = numberFormat(lang, Number(parts[0] || 0));
    var suffix = parts.length > 1 ? parts.slice(1).join(':') : '';
    return function (p) {
      var v = p;
      if (p !== null && typeof p === 'object') {
        v = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
      }
      if (v === null || v === undefined || v === '' || isNaN(Number(v))) {
        return '—';
      }
      return nf.format(Number(v)).replace('-', '−') + suffix;
    };
  }

  function revive(node, lang) {
    if (Array.isArray(node)) {
      return node.map(function (n) { return revive(n, lang); });
    }
    if (node !== null && typeof node === 'object') {
      var out = {};
      Object.keys(node).forEach(function (k) {
        var v = node[k];
        if ((k === 'formatter' || k === 'valueFormatter') && typeof v === 'string' && v.indexOf('fmt:') === 0) {
          out[k] = formatter(v.substring(4), lang);
        } else {
          out[k] = revive(v, lang);
        }
      });
      return out;
    }
    return node;
  }

  class EChartElement extends HTMLElement {
    constructor() {
      super();
      this._option = null;
      this._chart = null;
      this._observer = null;
    }

    set option(json) {
      this._option = json;
      this._render();
    }

    get option() {
      return this._option;
    }

    connectedCallback() {
      // a value set before the element was upgraded sits on the instance and hides the setter
      if (Object.prototype.hasOwnProperty.call(this, 'option')) {
        var v = this.option;
        delete this.option;
        this._option = v;
      }
      if (!this._observer && window.ResizeObserver) {
        var self = this;
        this._observer = new ResizeObserver(function () {
          if (self._chart) {
            self._chart.resize();
          }
        });
        this._observer.observe(this);
      }
      this._render();
    }

    disconnectedCallback() {
      if (this._observer) {
        this._observer.disconnect();
        this._observer = null;
      }
      if (this._chart) {
        this._chart.dispose();
        this._chart = null;
      }
    }

    _render() {
      if (!this.isConnected || this._option === null || this._option === undefined) {
        return;
      }
      if (!window.echarts) {
        var self = this;
        setTimeout(function () { self._render(); }, 50);
        return;
      }
      var lang = this.getAttribute('lang') || document.documentElement.lang || 'vi';
      var option = revive(typeof this._option === 'string' ? JSON.parse(this._option) : this._option, lang);
      option.animation = false;
      if (!this._chart) {
        this._chart = window.echarts.init(this, null, { renderer: this.getAttribute('renderer') || 'svg' });
      }
      this._chart.setOption(option, true);
      this.setAttribute('data-rendered', 'true');
    }
  }

  if (!window.customElements.get('e-chart')) {
    window.customElements.define('e-chart', EChartElement);
  }
})();
