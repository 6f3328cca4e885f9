// Test support: fake activities, representative runs and their stored histories.
export {
  type ActivityCall,
  type FakeOrderOptions,
  fakeOrderActivities,
} from './fake-order-activities.ts';
export {
  type Drive,
  dispatched,
  groupDispatched,
  type History,
  runOrder,
  timersArmed,
  until,
} from './order-runs.ts';
export {
  ORDER_SCENARIOS,
  type OrderScenarioName,
  recordOrderScenario,
  scenarioInput,
} from './order-scenarios.ts';
export { isHistoryStored, loadStoredHistories, storeHistory } from './stored-histories.ts';
