import { defineCarrier } from './types';

export const claro = defineCarrier({
  id: 'claro',
  name: 'Claro',
  portalName: 'Mi Claro',
  brandWords: ['claro', 'mi claro'],
  color: '#da291c',
  hosts: ['m-miclaro.claro.com.ar', 'miclaro.claro.com.ar', 'www.claro.com.ar'],
  loginHosts: ['ingreso.claro.com.ar'],
  rechargeUrl: 'https://www.claro.com.ar/personas/recarga',
  portalUrl: 'https://m-miclaro.claro.com.ar/',
  urlPageKind(url) {
    if (this.loginHosts.includes(url.hostname)) return 'login';
    if (url.hostname === 'www.claro.com.ar') {
      return /recarga/i.test(url.pathname) ? 'recharge' : 'other';
    }
    if (/login|ingreso|signin/i.test(url.pathname)) return 'login';
    return 'account';
  },
});
