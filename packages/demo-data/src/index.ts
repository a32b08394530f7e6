// The demo dataset every subgraph seeds its own part of. The 2018-era plan lives in ./plan and the
// 2025 reform, which is built on it, in ./reform; this file only re-exports both, so neither of them
// imports the other through here.
export * from './plan';
export { demoReform, REFORM_ON, type DemoReform, type DemoReorganization, type DemoAreaChange } from './reform';
