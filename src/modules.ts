import type { ModuleManifest } from './core/module.js'

/** The one list of business modules, in boot order. Each can be switched off by configuration. */
export const MODULES: ModuleManifest[] = []
